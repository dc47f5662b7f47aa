package dev.carrel.hub.staff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.hub.web.JsonResponses;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/staff}: accounts and API tokens (administrators), and {@code /me/password} for every member.
 * A change of role, password or enabled state ends that member's sessions.
 */
final class StaffService implements HttpService {
    private final StaffAccounts accounts;
    private final StaffSessions sessions;
    private final JsonResponses out;
    private final Clock clock;

    StaffService(StaffAccounts accounts, StaffSessions sessions, JsonResponses out, Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.out = out;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/", this::create)
                .get("/tokens", this::tokens)
                .post("/tokens", this::issue)
                .delete("/tokens/{id}", this::revoke)
                .put("/me/password", this::ownPassword)
                .patch("/{username}", this::update)
                .put("/{username}/password", this::password);
    }

    private void list(ServerRequest req, ServerResponse res) throws SQLException {
        List<Map<String, Object>> view = accounts.accounts().stream()
                .map(a -> {
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put("username", a.username());
                    v.put("role", a.role().text());
                    v.put("disabled", a.disabled());
                    v.put("locked", clock.instant().isBefore(a.lockedUntil()));
                    v.put("createdAt", a.createdAt().toString());
                    return v;
                })
                .toList();
        out.send(res, view);
    }

    private void create(ServerRequest req, ServerResponse res) throws SQLException {
        Optional<JsonNode> body = fields(req, res, Set.of("username", "role", "password"));
        if (body.isEmpty()) {
            return;
        }
        Optional<StaffRole> role = text(body.get(), "role").flatMap(StaffRole::parse);
        if (role.isEmpty()) {
            out.error(res, Status.BAD_REQUEST_400, "field 'role' must be admin, facilities or librarian");
            return;
        }
        String username = text(body.get(), "username").orElse("");
        Optional<String> given = text(body.get(), "password");
        String password = given.orElseGet(accounts::randomPassword);
        try {
            accounts.create(username, role.get(), password);
        } catch (StaffAccounts.Refused e) {
            refuse(res, e);
            return;
        }
        Audit.note(req, "created " + role.get().text() + " account '" + username + "'");
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("username", username);
        v.put("role", role.get().text());
        if (given.isEmpty()) {
            v.put("password", password); // shown once, to be handed over
        }
        out.send(res, Status.CREATED_201, v);
    }

    private void update(ServerRequest req, ServerResponse res) throws SQLException {
        String username = req.path().pathParameters().get("username");
        Optional<JsonNode> body = fields(req, res, Set.of("role", "disabled"));
        if (body.isEmpty()) {
            return;
        }
        JsonNode r = body.get().get("role");
        Optional<StaffRole> role = r == null ? Optional.empty() : StaffRole.parse(r.asText());
        if (r != null && role.isEmpty()) {
            out.error(res, Status.BAD_REQUEST_400, "field 'role' must be admin, facilities or librarian");
            return;
        }
        JsonNode d = body.get().get("disabled");
        if (d != null && !d.isBoolean()) {
            out.error(res, Status.BAD_REQUEST_400, "field 'disabled' must be true or false");
            return;
        }
        try {
            accounts.update(username, role, d == null ? Optional.empty() : Optional.of(d.asBoolean()));
        } catch (StaffAccounts.Refused e) {
            refuse(res, e);
            return;
        }
        sessions.endAll(username);
        Audit.note(req, "updated account '" + username + "': " + body.get());
        res.status(Status.NO_CONTENT_204).send();
    }

    private void password(ServerRequest req, ServerResponse res) throws SQLException {
        String username = req.path().pathParameters().get("username");
        Optional<JsonNode> body = fields(req, res, Set.of("password"));
        if (body.isEmpty()) {
            return;
        }
        Optional<String> given = text(body.get(), "password");
        String password = given.orElseGet(accounts::randomPassword);
        try {
            accounts.setPassword(username, password);
        } catch (StaffAccounts.Refused e) {
            refuse(res, e);
            return;
        }
        sessions.endAll(username);
        Audit.note(req, "reset the password of '" + username + "'");
        if (given.isPresent()) {
            res.status(Status.NO_CONTENT_204).send();
        } else {
            out.send(res, Map.of("username", username, "password", password));
        }
    }

    private void ownPassword(ServerRequest req, ServerResponse res) throws SQLException {
        StaffMember me = Staff.of(req).orElseThrow();
        Optional<JsonNode> body = fields(req, res, Set.of("current", "password"));
        if (body.isEmpty()) {
            return;
        }
        try {
            accounts.changeOwnPassword(
                    me.username(),
                    text(body.get(), "current").orElse(""),
                    text(body.get(), "password").orElse(""));
        } catch (StaffAccounts.Refused e) {
            refuse(res, e);
            return;
        }
        sessions.endAll(me.username());
        Audit.note(req, "changed own password");
        res.status(Status.NO_CONTENT_204).send();
    }

    private void tokens(ServerRequest req, ServerResponse res) throws SQLException {
        out.send(res, accounts.tokens());
    }

    private void issue(ServerRequest req, ServerResponse res) throws SQLException {
        Optional<JsonNode> body = fields(req, res, Set.of("username", "label"));
        if (body.isEmpty()) {
            return;
        }
        String username =
                text(body.get(), "username").orElse(Staff.of(req).orElseThrow().username());
        StaffAccounts.IssuedToken t;
        try {
            t = accounts.issueToken(username, text(body.get(), "label").orElse(""));
        } catch (StaffAccounts.Refused e) {
            refuse(res, e);
            return;
        }
        Audit.note(req, "issued API token " + t.id() + " for '" + username + "'");
        out.send(res, Status.CREATED_201, Map.of("id", t.id(), "username", username, "token", t.token()));
    }

    private void revoke(ServerRequest req, ServerResponse res) throws SQLException {
        String id = req.path().pathParameters().get("id");
        if (!accounts.revokeToken(id)) {
            out.error(res, Status.NOT_FOUND_404, "no live API token with id '" + id + "'");
            return;
        }
        Audit.note(req, "revoked API token " + id);
        res.status(Status.NO_CONTENT_204).send();
    }

    /** The JSON body when it names only known fields; otherwise answered 400 naming the stranger. */
    private Optional<JsonNode> fields(ServerRequest req, ServerResponse res, Set<String> known) {
        Optional<JsonNode> body = out.object(req, res);
        if (body.isEmpty()) {
            return body;
        }
        for (var it = body.get().fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                out.error(res, Status.BAD_REQUEST_400, "unknown field '" + f + "'; expected " + known);
                return Optional.empty();
            }
        }
        return body;
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || !n.isTextual() ? Optional.empty() : Optional.of(n.asText());
    }

    private void refuse(ServerResponse res, StaffAccounts.Refused e) {
        out.error(res, e.conflict() ? Status.CONFLICT_409 : Status.BAD_REQUEST_400, e.getMessage());
    }
}
