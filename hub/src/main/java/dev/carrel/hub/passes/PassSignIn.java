package dev.carrel.hub.passes;

import dev.carrel.hub.access.AccessConfig;
import dev.carrel.hub.patrons.PatronStore;
import dev.carrel.hub.patrons.Pins;
import dev.carrel.hub.spaces.Committed;
import dev.carrel.hub.store.StoreWriter;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Patron sign-in for the pass page: patron id and PIN ({@link Pins}, PBKDF2), a lock-out after
 * {@code lockoutAfter} failures in a row (kept in the database, so a restart does not reset it), and
 * sessions held in memory under a random 256-bit token (a restart signs everyone out, which is harmless).
 * An unknown patron costs the same PBKDF2 work as a known one, so timing does not tell which ids exist.
 */
public final class PassSignIn {
    /** Why a sign-in was refused; the page shows the same words for the first two. */
    public enum Refusal {
        WRONG,
        LOCKED
    }

    /** A signed-in patron. */
    public record Session(String patronId, Instant expires) {}

    private final PatronStore store;
    private final StoreWriter writer;
    private final Pins pins;
    private final AccessConfig.Passes config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final String dummy;

    public PassSignIn(PatronStore store, StoreWriter writer, Pins pins, AccessConfig.Passes config, Clock clock) {
        this.store = store;
        this.writer = writer;
        this.pins = pins;
        this.config = config;
        this.clock = clock;
        this.dummy = pins.hash("not-a-real-pin");
    }

    /** A session token, or why not. */
    public sealed interface Result {
        record SignedIn(String token, Session session) implements Result {}

        record Refused(Refusal why) implements Result {}
    }

    public Result signIn(String patronId, String pin) throws SQLException {
        Instant now = clock.instant();
        Optional<PatronStore.Login> login = store.login(patronId);
        if (login.isEmpty()) {
            pins.verify(pin, dummy);
            return new Result.Refused(Refusal.WRONG);
        }
        PatronStore.Login l = login.get();
        if (now.isBefore(l.lockedUntil())) {
            return new Result.Refused(Refusal.LOCKED);
        }
        if (!pins.verify(pin, l.pinHash())) {
            int failures = l.failures() + 1;
            boolean lock = failures >= config.lockoutAfter();
            Instant until = lock ? now.plus(config.lockout()) : Instant.EPOCH;
            Committed.write(
                    writer,
                    "sign-in failure of a patron",
                    c -> store.writeLoginState(c, patronId, lock ? 0 : failures, until));
            return new Result.Refused(lock ? Refusal.LOCKED : Refusal.WRONG);
        }
        if (l.failures() > 0) {
            Committed.write(writer, "sign-in of a patron", c -> store.writeLoginState(c, patronId, 0, Instant.EPOCH));
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Session session = new Session(patronId, now.plus(config.session()));
        sessions.put(token, session);
        purge(now);
        return new Result.SignedIn(token, session);
    }

    public Optional<Session> session(String token) {
        Session s = sessions.get(token);
        if (s == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(s.expires())) {
            sessions.remove(token);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    public void signOut(String token) {
        sessions.remove(token);
    }

    /** Ends every session of this patron. */
    public void signOutPatron(String patronId) {
        sessions.values().removeIf(s -> s.patronId().equals(patronId));
    }

    private void purge(Instant now) {
        sessions.values().removeIf(s -> !now.isBefore(s.expires()));
    }
}
