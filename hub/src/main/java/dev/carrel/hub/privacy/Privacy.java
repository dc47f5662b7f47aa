package dev.carrel.hub.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.hub.store.Database;
import dev.carrel.hub.store.StoreWriter;
import dev.carrel.hub.web.JsonResponses;
import dev.carrel.protocol.WireJson;
import io.helidon.webserver.http.HttpRouting;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A patron's data on request (issue 6, "Privacy"; docs/patrons.md, "Export and erasure"): every feature that
 * stores data about patrons registers a {@link PatronData}; an export gathers every section into one
 * document, an erasure runs every contributor in <b>one</b> transaction on the store writer, so it is all or
 * nothing: a contributor that fails half-way leaves every table as it was.
 *
 * <p>Order: the registry (the patron row, credentials, allow-list) is registered with {@link
 * #registerRegistry} and comes first in an export and <b>last</b> in an erasure, so every other contributor
 * can still read who the patron was (their credential hashes) while it erases. Observers of {@link
 * #onErased} are told after the commit (the allow-list push to the gates). Thread-safe.
 */
public final class Privacy {
    private final Database database;
    private final StoreWriter writer;
    private final Clock clock;
    private final List<PatronData> contributors = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> erased = new CopyOnWriteArrayList<>();

    public Privacy(Database database, StoreWriter writer, Clock clock) {
        this.database = database;
        this.writer = writer;
        this.clock = clock;
    }

    /** Adds a contributor; its name must be new. */
    public void register(PatronData data) {
        add(contributors.size(), data);
    }

    /** Adds the patron registry: first in an export, last in an erasure. */
    public void registerRegistry(PatronData data) {
        add(0, data);
    }

    private synchronized void add(int at, PatronData data) {
        if (contributors.stream().anyMatch(d -> d.name().equals(data.name()))) {
            throw new IllegalArgumentException("a patron data section '" + data.name() + "' is registered already");
        }
        contributors.add(at, data);
    }

    /** Told of each committed erasure, with the patron id, on the thread that asked for it. */
    public void onErased(Consumer<String> observer) {
        erased.add(observer);
    }

    /** {@code GET /api/patrons/{id}/export}, {@code DELETE /api/patrons/{id}}, {@code POST /api/patrons/{id}/erase}. */
    public void routing(HttpRouting.Builder r, JsonResponses responses) {
        new PrivacyService(this, responses).routing(r);
    }

    public List<String> sections() {
        return contributors.stream().map(PatronData::name).toList();
    }

    /** The whole export document. */
    public record Export(String patron, Instant exportedAt, Map<String, Object> sections) {}

    /**
     * Every contributor's section for this patron, read in one consistent state.
     *
     * @throws NoSuchElementException when no contributor holds anything about the patron
     */
    public Export export(String patronId) throws SQLException {
        Map<String, Object> sections = database.read(c -> sections(c, patronId));
        if (sections.values().stream().allMatch(Privacy::empty)) {
            throw new NoSuchElementException("no data about patron '" + patronId + "'");
        }
        return new Export(patronId, clock.instant(), sections);
    }

    private Map<String, Object> sections(Connection c, String patronId) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (PatronData d : contributors) {
            out.put(d.name(), d.export(c, patronId));
        }
        return out;
    }

    /**
     * Erases the patron from every contributor in one transaction, the registry last; then runs what they left
     * for after the commit, and tells the observers.
     *
     * @throws NoSuchElementException when no contributor holds anything about the patron (nothing changes)
     * @throws SQLException when a contributor failed: then nothing was erased
     */
    public void erase(String patronId) throws SQLException {
        List<PatronData> order = new ArrayList<>(contributors);
        java.util.Collections.reverse(order);
        List<Runnable> afterCommit = new ArrayList<>(); // filled on the writer thread; read after get()
        boolean found;
        try {
            found = writer.call("erasure of a patron", c -> {
                        if (sections(c, patronId).values().stream().allMatch(Privacy::empty)) {
                            return false;
                        }
                        for (PatronData d : order) {
                            d.erase(c, patronId, afterCommit);
                        }
                        return true;
                    })
                    .get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while erasing a patron", e);
        } catch (TimeoutException e) {
            throw new SQLException("the erasure of a patron was not committed in time", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SQLException s
                    ? s
                    : new SQLException(
                            "the erasure of a patron failed: " + e.getCause().getMessage(), e.getCause());
        }
        if (!found) {
            throw new NoSuchElementException("no data about patron '" + patronId + "'");
        }
        afterCommit.forEach(Runnable::run);
        erased.forEach(o -> o.accept(patronId));
    }

    /** A section holds nothing when, written as JSON, it has no value but empty lists, objects and nulls. */
    private static boolean empty(Object section) {
        return blank(WireJson.mapper().valueToTree(section));
    }

    private static boolean blank(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return true;
        }
        if (!node.isContainerNode()) {
            return false;
        }
        for (JsonNode child : node) {
            if (!blank(child)) {
                return false;
            }
        }
        return true;
    }
}
