package dev.carrel.hub.patrons;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.spaces.Api;
import dev.carrel.hub.web.JsonResponses;
import dev.carrel.protocol.InvalidFieldException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code /api/patrons}: search and read patrons, suspend and reactivate them, set a pass PIN, and import a
 * campus-card CSV export ({@code POST /imports}, {@code ?dryRun=true}, {@code ?removeMissing=false},
 * {@code ?confirmRemovals=N} for an import that removes more than the limit allows; see {@link ImportJobs})
 * whose progress {@code GET /imports/{id}} shows. Bad input is 400 naming the field and changes nothing (the
 * conventions of {@link Api}). Credential hashes are never shown, only their kinds.
 */
public final class PatronsService implements HttpService {
    private static final int MAX_PAGE = 500;

    private final Patrons patrons;
    private final ImportJobs imports;
    private final ObjectMapper json;
    private final JsonResponses out;

    public PatronsService(Patrons patrons, ImportJobs imports, ObjectMapper json, JsonResponses out) {
        this.patrons = patrons;
        this.imports = imports;
        this.json = json;
        this.out = out;
    }

    /** A patron as staff see it. */
    record View(
            String id,
            String displayName,
            String greeting,
            String group,
            String college,
            String status,
            Optional<Instant> validUntil,
            List<String> credentials,
            Instant updatedAt) {
        static View of(Patron p) {
            return new View(
                    p.id(),
                    p.displayName(),
                    p.greeting(),
                    p.group().wire(),
                    p.college(),
                    p.status().wire(),
                    p.validUntil(),
                    p.credentials().stream()
                            .map(c -> c.kind().name().toLowerCase(java.util.Locale.ROOT))
                            .toList(),
                    p.updatedAt());
        }
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::search)
                .post("/imports", this::startImport)
                .get("/imports/{id}", this::importReport)
                .get("/{id}", this::get)
                .post(
                        "/{id}/suspend",
                        (req, res) -> Api.guard(out, res, () -> out.send(res, View.of(patrons.suspend(id(req))))))
                .post(
                        "/{id}/reactivate",
                        (req, res) -> Api.guard(out, res, () -> out.send(res, View.of(patrons.reactivate(id(req))))))
                .put("/{id}/pin", this::pin);
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }

    private void search(ServerRequest req, ServerResponse res) throws SQLException {
        Api.guard(out, res, () -> {
            var q = req.query();
            String text = q.first("q").orElse("");
            Optional<PatronStatus> status = q.first("status").asOptional().map(s -> PatronStatus.parse(s)
                    .orElseThrow(
                            () -> new InvalidFieldException("status", "must be one of " + PatronStatus.choices())));
            int limit = number(q.first("limit").asOptional(), "limit", 50, 1, MAX_PAGE);
            int offset = number(q.first("offset").asOptional(), "offset", 0, 0, Integer.MAX_VALUE);
            out.send(
                    res,
                    patrons.store().search(text, status, limit, offset).stream()
                            .map(View::of)
                            .toList());
        });
    }

    private static int number(Optional<String> text, String field, int fallback, int min, int max) {
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(text.get());
            if (n < min || n > max) {
                throw new InvalidFieldException(field, "must be " + min + "-" + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(field, "must be a whole number");
        }
    }

    private void get(ServerRequest req, ServerResponse res) throws SQLException {
        Api.guard(
                out,
                res,
                () -> out.send(
                        res,
                        View.of(patrons.find(id(req))
                                .orElseThrow(() -> new NoSuchElementException("no patron '" + id(req) + "'")))));
    }

    private void pin(ServerRequest req, ServerResponse res) throws SQLException {
        Api.guard(out, res, () -> {
            JsonNode body = Api.body(req, json);
            JsonNode pin = body.get("pin");
            if (pin == null || !pin.isTextual()) {
                throw new InvalidFieldException("pin", "is required and must be text");
            }
            try {
                Pins.check(pin.asText());
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException("pin", e.getMessage());
            }
            patrons.setPin(id(req), pin.asText());
            res.status(Status.NO_CONTENT_204).send();
        });
    }

    private void startImport(ServerRequest req, ServerResponse res) throws SQLException {
        Api.guard(out, res, () -> {
            boolean dryRun = flag(req, "dryRun", false);
            boolean removeMissing = flag(req, "removeMissing", true);
            OptionalInt confirmRemovals = confirmRemovals(req, removeMissing);
            byte[] bytes = req.content().hasEntity() ? req.content().as(byte[].class) : new byte[0];
            if (bytes.length == 0 || bytes.length > ImportJobs.MAX_BYTES) {
                throw new InvalidFieldException(
                        "$", "a CSV body of 1 byte to " + ImportJobs.MAX_BYTES + " is required");
            }
            String csv;
            try {
                csv = StandardCharsets.UTF_8
                        .newDecoder()
                        .decode(java.nio.ByteBuffer.wrap(bytes))
                        .toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new InvalidFieldException("$", "the CSV must be UTF-8 text");
            }
            ImportJob job = imports.submit(csv, dryRun, removeMissing, confirmRemovals);
            res.header(HeaderNames.LOCATION, "/api/patrons/imports/" + job.id());
            Api.send(json, res, Status.ACCEPTED_202, job.report());
        });
    }

    /** How many removals the request confirms: a whole number, and only where the import removes any. */
    private static OptionalInt confirmRemovals(ServerRequest req, boolean removeMissing) {
        Optional<String> confirm = req.query().first("confirmRemovals").asOptional();
        if (confirm.isEmpty()) {
            return OptionalInt.empty();
        }
        if (!removeMissing) {
            throw new InvalidFieldException("confirmRemovals", "only with removeMissing=true");
        }
        return OptionalInt.of(number(confirm, "confirmRemovals", 0, 0, Integer.MAX_VALUE));
    }

    private static boolean flag(ServerRequest req, String name, boolean fallback) {
        Optional<String> v = req.query().first(name).asOptional();
        if (v.isEmpty()) {
            return fallback;
        }
        return switch (v.get()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidFieldException(name, "must be true or false");
        };
    }

    private void importReport(ServerRequest req, ServerResponse res) throws SQLException {
        Api.guard(
                out,
                res,
                () -> out.send(
                        res,
                        imports.find(id(req))
                                .orElseThrow(() -> new NoSuchElementException("no import '" + id(req) + "'"))
                                .report()));
    }
}
