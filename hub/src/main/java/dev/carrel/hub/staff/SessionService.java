package dev.carrel.hub.staff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.hub.web.JsonResponses;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/session}: staff sign-in for the dashboard. {@code POST} with {@code {"username","password"}}
 * (JSON only) sets the {@value StaffFilter#COOKIE} cookie (HttpOnly, SameSite=Strict, Secure unless
 * configured off) and answers {@code {"username","role","csrf"}}; {@code GET} answers the same for the
 * current session (401 without one); {@code DELETE} signs out.
 */
final class SessionService implements HttpService {
    private final StaffAccounts accounts;
    private final StaffSessions sessions;
    private final StaffConfig config;
    private final JsonResponses out;

    SessionService(StaffAccounts accounts, StaffSessions sessions, StaffConfig config, JsonResponses out) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.config = config;
        this.out = out;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::signIn).get("/", this::current).delete("/", this::signOut);
    }

    private void signIn(ServerRequest req, ServerResponse res) throws SQLException {
        Optional<JsonNode> body = out.object(req, res);
        if (body.isEmpty()) {
            return;
        }
        JsonNode username = body.get().get("username");
        JsonNode password = body.get().get("password");
        if (username == null || !username.isTextual() || password == null || !password.isTextual()) {
            out.error(res, Status.BAD_REQUEST_400, "fields 'username' and 'password' are required text");
            return;
        }
        String name = username.asText().strip();
        String shown = name.length() > 64 ? name.substring(0, 64) + "…" : name;
        switch (accounts.signIn(name, password.asText())) {
            case StaffAccounts.SignIn.Accepted a -> {
                StaffSessions.Session s = sessions.open(a.member());
                Audit.actor(req, a.member());
                Audit.note(req, "signed in");
                res.header(
                        HeaderNames.SET_COOKIE,
                        cookie(s.token, sessions.maxAge().toSeconds()));
                res.header(HeaderNames.CACHE_CONTROL, "no-store");
                out.send(res, view(s));
            }
            case StaffAccounts.SignIn.Wrong w -> {
                Audit.note(req, "failed sign-in as '" + shown + "'");
                out.error(res, Status.UNAUTHORIZED_401, "wrong user name or password");
            }
            case StaffAccounts.SignIn.Locked l -> {
                Audit.note(req, "sign-in as '" + shown + "' refused: locked until " + l.until());
                out.error(
                        res, Status.LOCKED_423, "too many failed sign-ins: this account is locked until " + l.until());
            }
        }
    }

    private void current(ServerRequest req, ServerResponse res) {
        Optional<StaffSessions.Session> s = StaffFilter.sessionToken(req).flatMap(sessions::find);
        if (s.isEmpty()) {
            out.error(res, Status.UNAUTHORIZED_401, "not signed in");
            return;
        }
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        out.send(res, view(s.get()));
    }

    private void signOut(ServerRequest req, ServerResponse res) {
        StaffFilter.sessionToken(req).ifPresent(sessions::end);
        Audit.note(req, "signed out");
        res.header(HeaderNames.SET_COOKIE, cookie("", 0));
        res.status(Status.NO_CONTENT_204).send();
    }

    private static Map<String, Object> view(StaffSessions.Session s) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("username", s.member.username());
        v.put("role", s.member.role().text());
        v.put("csrf", s.csrf);
        return v;
    }

    private String cookie(String value, long maxAge) {
        return StaffFilter.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict"
                + (config.secureCookie() ? "; Secure" : "");
    }
}
