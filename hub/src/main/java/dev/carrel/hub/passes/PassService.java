package dev.carrel.hub.passes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.hub.access.AccessConfig;
import dev.carrel.hub.patrons.Patron;
import dev.carrel.hub.patrons.PatronStatus;
import dev.carrel.hub.patrons.Patrons;
import dev.carrel.hub.web.JsonResponses;
import dev.carrel.protocol.MobilePass;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code /pass/api}: what the patron's phone page ({@code /pass/}) calls. {@code POST /sign-in} with
 * {@code {"patron","pin"}} sets the session cookie ({@value #COOKIE}: HttpOnly, SameSite=Strict, Secure
 * unless configured off); {@code GET /current} answers a freshly signed pass, its QR code as SVG and when to
 * fetch the next; {@code POST /sign-out} ends the session. POSTs must be {@code application/json}: with the
 * Strict cookie, that keeps other sites' forms out (a cross-site JSON POST needs a CORS preflight, which
 * this hub never grants). A suspended or expired patron gets no pass.
 */
public final class PassService implements HttpService {
    static final String COOKIE = "carrel_pass";

    /** The pass the page shows; {@code patron} is the signed-in patron's own id (whose bookings are theirs). */
    record Current(String pass, String svg, String greeting, String patron, Instant expiresAt, long refreshInSeconds) {}

    private final Patrons patrons;
    private final PassSignIn signIn;
    private final PassKeys keys;
    private final AccessConfig config;
    private final JsonResponses out;
    private final Clock clock;

    /** The parts the service needs besides the registry. */
    public record Parts(PassSignIn signIn, PassKeys keys, AccessConfig config, Clock clock) {}

    public PassService(Patrons patrons, Parts parts, JsonResponses out) {
        this.patrons = patrons;
        this.signIn = parts.signIn();
        this.keys = parts.keys();
        this.config = parts.config();
        this.clock = parts.clock();
        this.out = out;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/sign-in", this::signIn).get("/current", this::current).post("/sign-out", this::signOut);
    }

    private void signIn(ServerRequest req, ServerResponse res) throws SQLException {
        Optional<JsonNode> body = out.object(req, res);
        if (body.isEmpty()) {
            return;
        }
        JsonNode patron = body.get().get("patron");
        JsonNode pin = body.get().get("pin");
        if (patron == null
                || !patron.isTextual()
                || pin == null
                || !pin.isTextual()
                || patron.asText().length() > 64) {
            out.error(res, Status.BAD_REQUEST_400, "fields 'patron' and 'pin' are required text");
            return;
        }
        switch (signIn.signIn(patron.asText().strip(), pin.asText())) {
            case PassSignIn.Result.SignedIn s -> {
                res.header(
                        HeaderNames.SET_COOKIE,
                        cookie(s.token(), config.passes().session().toSeconds()));
                res.status(Status.NO_CONTENT_204).send();
            }
            case PassSignIn.Result.Refused r ->
                out.error(
                        res,
                        r.why() == PassSignIn.Refusal.LOCKED ? Status.TOO_MANY_REQUESTS_429 : Status.UNAUTHORIZED_401,
                        r.why() == PassSignIn.Refusal.LOCKED
                                ? "too many tries: wait "
                                        + config.passes().lockout().toMinutes() + " minutes"
                                : "patron id or PIN is wrong");
        }
    }

    private void current(ServerRequest req, ServerResponse res) throws SQLException {
        Optional<PassSignIn.Session> session = token(req).flatMap(signIn::session);
        if (session.isEmpty()) {
            out.error(res, Status.UNAUTHORIZED_401, "sign in first");
            return;
        }
        Optional<Patron> patron = patrons.find(session.get().patronId());
        Instant now = clock.instant();
        if (patron.isEmpty() || !patron.get().admitted(now)) {
            String why = patron.map(Patron::status).orElse(PatronStatus.EXPIRED) == PatronStatus.SUSPENDED
                    ? "suspended"
                    : "expired";
            out.error(res, Status.FORBIDDEN_403, "no pass: your library account is " + why + "; see the desk");
            return;
        }
        MobilePass pass = MobilePass.create(
                config.siteId(), patron.get().pseudonym(), now, config.passes().validity());
        String text = pass.issue(keys.privateKey());
        long refresh = Math.max(5, config.passes().validity().toSeconds() * 2 / 3);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        out.send(
                res,
                new Current(
                        text,
                        QrSvg.of(text),
                        patron.get().greeting(),
                        patron.get().id(),
                        pass.expiresAt(),
                        refresh));
    }

    private void signOut(ServerRequest req, ServerResponse res) {
        token(req).ifPresent(signIn::signOut);
        res.header(HeaderNames.SET_COOKIE, cookie("", 0));
        res.status(Status.NO_CONTENT_204).send();
    }

    private String cookie(String value, long maxAge) {
        return COOKIE + "=" + value + "; Path=/pass; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict"
                + (config.passes().secureCookie() ? "; Secure" : "");
    }

    /** The pass session cookie's token, for other patron routes under {@code /pass/api}. */
    public static Optional<String> token(ServerRequest req) {
        return req.headers().cookies().first(COOKIE).filter(t -> !t.isEmpty());
    }
}
