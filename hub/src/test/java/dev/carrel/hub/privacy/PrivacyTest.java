package dev.carrel.hub.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.patrons.AllowlistLedger;
import dev.carrel.hub.patrons.ImportJob;
import dev.carrel.hub.patrons.ImportJobs;
import dev.carrel.hub.patrons.Patrons;
import dev.carrel.hub.patrons.Pins;
import dev.carrel.hub.patrons.SiteKey;
import dev.carrel.hub.patrons.SqlitePatronStore;
import dev.carrel.hub.store.Database;
import dev.carrel.hub.store.StoreWriter;
import dev.carrel.protocol.AllowlistDelta;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.CredentialKind;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.EventBody.GateDecision;
import dev.carrel.protocol.SeatState;
import dev.carrel.protocol.WireJson;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export and erasure of a patron's data across the registry and the raw events, on a real SQLite file. */
class PrivacyTest {
    private static final String CSV = "id,name,group,card_uid,pin\n"
            + "a1,Ann Lee,undergraduate,04A1B2C3,2468\n"
            + "b2,Bo Chen,faculty,04000002,\n";

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);
    private final ObjectMapper json = WireJson.mapper();
    private final List<Patrons.Change> told = new CopyOnWriteArrayList<>();
    private final AtomicInteger eventIds = new AtomicInteger();
    private Database database;
    private StoreWriter writer;
    private Patrons patrons;
    private AllowlistLedger ledger;
    private ImportJobs imports;
    private Privacy privacy;

    @BeforeEach
    void open() throws Exception {
        database = Database.open(dir.resolve("hub.db"));
        writer = new StoreWriter(database, (what, e) -> {});
        ledger = new AllowlistLedger(database);
        byte[] secret = new byte[32];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) (i * 7);
        }
        patrons = new Patrons(
                new Patrons.Base(new SqlitePatronStore(database), ledger, writer, clock),
                SiteKey.of(secret),
                new Pins(1_000));
        patrons.observe(told::addAll);
        imports = new ImportJobs(patrons, writer, clock);
        privacy = new Privacy(database, writer, clock);
        PatronPrivacy.register(privacy, patrons);
        importCsv(CSV);
    }

    @AfterEach
    void close() throws Exception {
        imports.close();
        writer.close();
        database.close();
    }

    @Test
    void export_gathersTheRegistryAndEveryEventCarryingThePatronsHashes() throws Exception {
        storeAnnsDayAndBos();

        Privacy.Export export = privacy.export("a1");

        assertEquals(
                List.of("registry", "events"), List.copyOf(export.sections().keySet()));
        Map<?, ?> registry = (Map<?, ?>) export.sections().get("registry");
        assertEquals("Ann Lee", registry.get("displayName"));
        assertEquals(patrons.key().pseudonym("a1"), registry.get("pseudonym"));
        assertTrue(json.writeValueAsString(registry.get("passLogin")).contains("\"pinSet\":true"));
        assertFalse(json.writeValueAsString(export).contains("pbkdf2"), "the PIN hash is never exported");
        List<?> events = (List<?>) export.sections().get("events");
        assertEquals(
                7, events.size(), "decision, passage, seat, violation, presented by card; a pass decision; feedback");
        assertFalse(json.writeValueAsString(events).contains(card("04000002").hex()), "not Bo's");
    }

    @Test
    void erase_removesThePatron_revokesTheCard_andStripsOrDeletesTheirEvents() throws Exception {
        storeAnnsDayAndBos();
        long version = ledger.version();

        privacy.erase("a1");

        assertTrue(patrons.find("a1").isEmpty());
        assertEquals(0, count("SELECT count(*) FROM patron_logins WHERE patron_id = 'a1'"));
        AllowlistDelta delta = ledger.since(version).orElseThrow();
        assertEquals(List.of(card("04A1B2C3")), delta.removals(), "the gates are told to refuse the card");
        assertEquals(
                0,
                count("SELECT count(*) FROM allowlist_entries WHERE pseudonym <> '' AND credential = '"
                        + card("04A1B2C3").hex() + "'"),
                "the revocation names nobody");
        assertEquals(Patrons.Change.Kind.ERASED, told.getLast().kind());
        assertEquals(
                4, count("SELECT count(*) FROM events"), "passage, seat change and feedback kept, Bo's decision kept");
        assertEquals(
                1,
                count("SELECT count(*) FROM events WHERE type = 'feedback'"
                        + " AND json_extract(body, '$.patron') IS NULL AND json_extract(body, '$.score') = 5"));
        assertEquals(
                1,
                count("SELECT count(*) FROM events WHERE type = 'gate_passage'"
                        + " AND json_extract(body, '$.credential') IS NULL"));
        assertEquals(
                1,
                count("SELECT count(*) FROM events WHERE type = 'seat_state_changed'"
                        + " AND json_extract(body, '$.patron') IS NULL"));
        for (String body : bodies()) {
            // A stripped body still decodes as its event type.
            assertFalse(body.contains(card("04A1B2C3").hex()), body);
        }
        json.readValue(bodies().getFirst(), EventBody.GatePassage.class);
        assertThrows(NoSuchElementException.class, () -> privacy.export("a1"));
        assertEquals("Bo Chen", ((Map<?, ?>) privacy.export("b2").sections().get("registry")).get("displayName"));
    }

    @Test
    void erase_whenAContributorFailsHalfWay_changesNothing() throws Exception {
        storeAnnsDayAndBos();
        long version = ledger.version();
        int told = this.told.size();
        privacy.register(new PatronData() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public Object export(Connection c, String patronId) {
                return List.of();
            }

            @Override
            public void erase(Connection c, String patronId) throws SQLException {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM events")) {
                    s.executeUpdate();
                }
                throw new SQLException("disk full half-way");
            }
        });
        String before = json.writeValueAsString(privacy.export("a1").sections());

        assertThrows(SQLException.class, () -> privacy.erase("a1"));

        assertEquals(before, json.writeValueAsString(privacy.export("a1").sections()));
        assertEquals(8, count("SELECT count(*) FROM events"));
        assertEquals(version, ledger.version());
        assertEquals(told, this.told.size(), "no allow-list push");
    }

    @Test
    void reimport_afterErasure_makesANewPatronWithoutTheErasedHistory() throws Exception {
        storeAnnsDayAndBos();
        privacy.erase("a1");

        importCsv(CSV);

        Privacy.Export export = privacy.export("a1");
        assertEquals("Ann Lee", ((Map<?, ?>) export.sections().get("registry")).get("displayName"));
        assertEquals(List.of(), export.sections().get("events"), "no event links to the new patron");
        assertEquals(
                List.of(true),
                ((List<?>) ((Map<?, ?>) export.sections().get("registry")).get("gateEntries"))
                        .stream()
                                .map(e -> ((RegistryData.GateEntry) e).allowed())
                                .toList(),
                "the card is allowed again, once");
    }

    /** A section of a feature that keeps lists: empty lists are no data. */
    record Lists(List<String> registrations, List<String> shifts) {}

    @Test
    void unknownPatron_isNotFound_andErasingItChangesNothing() throws Exception {
        privacy.register(new PatronData() {
            @Override
            public String name() {
                return "lists";
            }

            @Override
            public Object export(Connection c, String patronId) {
                return new Lists(List.of(), List.of());
            }

            @Override
            public void erase(Connection c, String patronId) {
                throw new AssertionError("nothing to erase");
            }
        });
        long version = ledger.version();
        assertThrows(NoSuchElementException.class, () -> privacy.export("zz9"));
        assertThrows(NoSuchElementException.class, () -> privacy.erase("zz9"));
        assertEquals(version, ledger.version());
    }

    @Test
    void register_refusesASecondSectionOfTheSameName() {
        assertThrows(IllegalArgumentException.class, () -> privacy.register(new RawEvents(patrons.key(), json)));
    }

    /** Ann's card at the gate and a seat, Ann's mobile pass at the gate, and one of Bo's decisions. */
    private void storeAnnsDayAndBos() throws Exception {
        CredentialHash ann = card("04A1B2C3");
        CredentialHash pass =
                patrons.key().hash(CredentialKind.QR_PASS, patrons.key().pseudonym("a1"));
        List<EventBody> bodies = new ArrayList<>();
        bodies.add(new EventBody.CredentialPresented("r1", CredentialKind.CARD_UID, ann));
        bodies.add(decision(ann));
        bodies.add(new EventBody.GatePassage("g1", EventBody.GatePassage.Direction.IN, Optional.of(ann)));
        bodies.add(new EventBody.SeatStateChanged(
                "s1", SeatState.OCCUPIED, SeatState.RESERVED, "check_in", Optional.of(ann)));
        bodies.add(new EventBody.SeatViolation("s1", ann, EventBody.SeatViolation.Kind.NO_SHOW, Optional.empty()));
        bodies.add(decision(pass));
        bodies.add(new EventBody.Feedback(
                "k1", EventBody.Feedback.Context.EXIT, 5, Optional.of("quiet, thanks"), Optional.of(ann)));
        bodies.add(decision(card("04000002")));
        for (EventBody b : bodies) {
            insert(b);
        }
    }

    private static GateDecision decision(CredentialHash c) {
        return new GateDecision(
                "g1", c, GateDecision.Decision.ALLOW, GateDecision.Reason.ALLOW_LISTED, GateDecision.Source.LOCAL);
    }

    private void insert(EventBody body) throws Exception {
        int n = eventIds.incrementAndGet();
        String text = json.writeValueAsString(body);
        writer.call("event", c -> {
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO events (id, agent_id, session, seq,"
                            + " type, ts, received, body) VALUES (?, 'gate-1', 1, ?, ?, ?, ?, ?)")) {
                        s.setString(1, "e" + n);
                        s.setInt(2, n);
                        s.setString(3, body.type().wire());
                        s.setLong(4, 1_000L * n);
                        s.setLong(5, 1_000L * n);
                        s.setString(6, text);
                        return s.executeUpdate();
                    }
                })
                .get();
    }

    private void importCsv(String csv) throws Exception {
        ImportJob job = imports.submit(csv, false, false);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (job.report().state() != ImportJob.State.DONE) {
            assertTrue(System.nanoTime() < deadline, "import not done: " + job.report());
            Thread.sleep(10);
        }
        assertEquals(0, job.report().failed(), job.report().toString());
    }

    private CredentialHash card(String uid) throws Exception {
        return patrons.key().hash(CredentialKind.CARD_UID, uid);
    }

    private long count(String sql) throws SQLException {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql);
                    ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    private List<String> bodies() throws SQLException {
        return database.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement s =
                            c.prepareStatement("SELECT body FROM events ORDER BY type = 'gate_passage' DESC");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
            return out;
        });
    }
}
