package dev.carrel.hub.staff;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in browser sessions, held in memory under a random 256-bit token (a hub restart signs staff out,
 * which is harmless and keeps session secrets off the disk). Each has its own CSRF token, which every
 * state-changing request must echo in a header: a cookie alone never changes anything.
 */
final class StaffSessions {

    /** One session; {@code lastUsed} moves with every request. */
    static final class Session {
        final String token;
        final StaffMember member;
        final String csrf;
        final Instant started;
        volatile Instant lastUsed;

        Session(String token, StaffMember member, String csrf, Instant started) {
            this.token = token;
            this.member = member;
            this.csrf = csrf;
            this.started = started;
            this.lastUsed = started;
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Duration idle;
    private final Duration max;
    private final Clock clock;

    StaffSessions(Duration idle, Duration max, Clock clock) {
        this.idle = idle;
        this.max = max;
        this.clock = clock;
    }

    Session open(StaffMember member) {
        Instant now = clock.instant();
        sweep(now);
        Session s = new Session(secret(), member, secret(), now);
        sessions.put(s.token, s);
        return s;
    }

    /** The live session for a cookie value, touched; an expired one is removed. */
    Optional<Session> find(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Session s = sessions.get(token);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(s, now)) {
            sessions.remove(token);
            return Optional.empty();
        }
        s.lastUsed = now;
        return Optional.of(s);
    }

    void end(String token) {
        sessions.remove(token);
    }

    /** Ends every session of a member whose role, password or enabled state changed. */
    void endAll(String username) {
        sessions.values().removeIf(s -> s.member.username().equals(username));
    }

    Duration maxAge() {
        return max;
    }

    private boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastUsed.plus(idle)) || !now.isBefore(s.started.plus(max));
    }

    private void sweep(Instant now) {
        sessions.values().removeIf(s -> expired(s, now));
    }

    private String secret() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
