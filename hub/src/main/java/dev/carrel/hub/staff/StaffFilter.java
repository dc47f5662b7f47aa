package dev.carrel.hub.staff;

import dev.carrel.hub.web.JsonResponses;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The gate in front of the staff API: finds out who is asking (an API token in {@code Authorization: Bearer},
 * or the session cookie), applies {@link RoutePolicy} (401 without a member, 403 for the wrong role), requires
 * the session's CSRF token in {@value #CSRF_HEADER} on every state-changing request that rides on the cookie,
 * and writes the audit record of every state-changing request and every export, refused ones included.
 */
final class StaffFilter implements Filter {
    private static final Logger LOG = Logger.getLogger(StaffFilter.class.getName());
    static final String COOKIE = "carrel_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final StaffAccounts accounts;
    private final StaffSessions sessions;
    private final AuditLog audit;
    private final JsonResponses out;
    private final Clock clock;

    StaffFilter(StaffAccounts accounts, StaffSessions sessions, AuditLog audit, JsonResponses out, Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.audit = audit;
        this.out = out;
        this.clock = clock;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        if (!RoutePolicy.governs(path)) {
            chain.proceed();
            return;
        }
        String method = req.prologue().method().text();
        // Taken now: once routed, the request's path is relative to the service that handles it.
        String query = req.query().rawValue();
        String target = req.path().rawPath() + (query.isEmpty() ? "" : "?" + query);
        boolean export = csvExport(req);
        RoutePolicy.Rule rule = RoutePolicy.decide(method, path);
        boolean unsafe = !SAFE.contains(method);
        Audit.Note note = new Audit.Note();
        req.context().register(note);
        Staff.Identity who;
        try {
            who = identify(req);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "cannot check an API token", e);
            out.error(res, Status.SERVICE_UNAVAILABLE_503, "the hub cannot check sign-ins right now");
            return;
        }
        req.context().register(who);
        Optional<String> refusal = refusal(rule, who, req, unsafe, res);
        if (refusal.isEmpty()) {
            chain.proceed();
        } else {
            note.add(refusal.get());
        }
        if (unsafe || rule.audited() || export) {
            record(req, method, target, who, note, res.status().code());
        }
    }

    /** Answers the request itself when it may not proceed, and says why for the audit. */
    private Optional<String> refusal(
            RoutePolicy.Rule rule, Staff.Identity who, ServerRequest req, boolean unsafe, RoutingResponse res) {
        if (rule.isPublic()) {
            return Optional.empty();
        }
        if (who.member().isEmpty()) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"carrel\"");
            out.error(res, Status.UNAUTHORIZED_401, "sign in first: a session cookie or an API token is required");
            return Optional.of("refused: not signed in");
        }
        StaffMember m = who.member().get();
        if (!m.mayActAs(rule.roles())) {
            out.error(res, Status.FORBIDDEN_403, "the " + m.role().text() + " role may not do this");
            return Optional.of("refused: role " + m.role().text());
        }
        if (unsafe
                && who.via() == Staff.Identity.Via.SESSION
                && !csrfMatches(req, who.session().orElseThrow())) {
            out.error(res, Status.FORBIDDEN_403, "missing or wrong " + CSRF_HEADER + " header");
            return Optional.of("refused: no CSRF token");
        }
        return Optional.empty();
    }

    private Staff.Identity identify(ServerRequest req) throws SQLException {
        Optional<String> auth = req.headers().first(HeaderNames.AUTHORIZATION);
        if (auth.isPresent()) {
            String value = auth.get().strip();
            if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                Optional<StaffMember> m =
                        accounts.tokenMember(value.substring(7).strip());
                return new Staff.Identity(m, Staff.Identity.Via.TOKEN, Optional.empty());
            }
            return Staff.Identity.none();
        }
        Optional<StaffSessions.Session> s = sessionToken(req).flatMap(sessions::find);
        return s.map(x -> new Staff.Identity(Optional.of(x.member), Staff.Identity.Via.SESSION, s))
                .orElseGet(Staff.Identity::none);
    }

    static Optional<String> sessionToken(ServerRequest req) {
        return req.headers().cookies().first(COOKIE).asOptional().filter(t -> !t.isEmpty());
    }

    private static boolean csrfMatches(ServerRequest req, StaffSessions.Session s) {
        Optional<String> sent = req.headers().first(HeaderNames.create(CSRF_HEADER));
        return sent.isPresent()
                && MessageDigest.isEqual(
                        sent.get().getBytes(StandardCharsets.UTF_8), s.csrf.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean csvExport(ServerRequest req) {
        return req.path().path().endsWith(".csv")
                || req.query()
                        .first("format")
                        .asOptional()
                        .filter("csv"::equals)
                        .isPresent();
    }

    private void record(
            ServerRequest req, String method, String target, Staff.Identity who, Audit.Note note, int status) {
        Optional<StaffMember> actor = note.actor().or(who::member);
        try {
            audit.record(new AuditLog.Entry(
                    0,
                    clock.instant(),
                    actor.map(StaffMember::username),
                    actor.map(m -> m.role().text()),
                    note.actor().isPresent() ? "session" : who.via().name().toLowerCase(java.util.Locale.ROOT),
                    req.remotePeer().host(),
                    method,
                    target,
                    status,
                    note.detail()));
        } catch (RuntimeException e) {
            // An audit record that cannot be queued is logged; the answer has already gone out.
            LOG.log(Level.WARNING, "cannot queue the audit record of " + method + " " + target, e);
        }
    }
}
