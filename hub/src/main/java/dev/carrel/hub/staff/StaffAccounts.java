package dev.carrel.hub.staff;

import dev.carrel.hub.patrons.Pins;
import dev.carrel.hub.spaces.Committed;
import dev.carrel.hub.store.Database;
import dev.carrel.hub.store.StoreWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Staff accounts and API tokens. Passwords are hashed with PBKDF2-HMAC-SHA256 ({@link Pins}, the same slow
 * KDF as patrons' PINs) and at least {@value #MIN_PASSWORD} characters long; {@code lockoutAfter} failed
 * sign-ins in a row lock the account for {@code lockout} (kept in the database, so a restart does not reset
 * it). An unknown user name costs the same KDF work as a known one, so timing does not tell which exist.
 * API tokens are 256 random bits shown once; only their SHA-256 is stored (a slow KDF adds nothing to a
 * secret that long, and a token is checked on every request).
 */
public final class StaffAccounts {
    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 128;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final String TOKEN_PREFIX = "crl_";

    /** Why a sign-in was refused. */
    public sealed interface SignIn {
        record Accepted(StaffMember member) implements SignIn {}

        record Wrong() implements SignIn {}

        record Locked(Instant until) implements SignIn {}
    }

    /** A token as created: the secret appears only here. */
    public record IssuedToken(String id, String token) {}

    /** A request that breaks a rule: the API answers it 400 (or 409 for a conflict) with the message. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean conflict;

        Refused(String message, boolean conflict) {
            super(message);
            this.conflict = conflict;
        }

        public boolean conflict() {
            return conflict;
        }
    }

    private final Database database;
    private final StoreWriter writer;
    private final StaffConfig config;
    private final Pins hasher;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile String dummyHash;
    private final Map<String, Optional<StaffMember>> tokenCache = new ConcurrentHashMap<>();

    public StaffAccounts(Database database, StoreWriter writer, StaffConfig config, Clock clock) {
        this.database = database;
        this.writer = writer;
        this.config = config;
        this.hasher = new Pins(config.passwordIterations());
        this.clock = clock;
    }

    /**
     * At the very first start (no account at all) creates the administrator {@code admin}: with the
     * configured password, else a random one, which is returned so the caller prints it once.
     */
    public Optional<String> bootstrap(Optional<String> initialPassword) throws SQLException, Refused {
        if (database.read(StaffStore::anyAccount)) {
            return Optional.empty();
        }
        String password = initialPassword.orElseGet(this::randomPassword);
        create("admin", StaffRole.ADMIN, password);
        return initialPassword.isPresent() ? Optional.empty() : Optional.of(password);
    }

    public SignIn signIn(String username, String password) throws SQLException {
        Instant now = clock.instant();
        Optional<StaffStore.Account> found =
                username == null ? Optional.empty() : database.read(c -> StaffStore.account(c, username));
        if (found.isEmpty() || found.get().disabled()) {
            hasher.verify(password, dummyHash());
            return new SignIn.Wrong();
        }
        StaffStore.Account a = found.get();
        if (now.isBefore(a.lockedUntil())) {
            return new SignIn.Locked(a.lockedUntil());
        }
        if (!hasher.verify(password, a.passwordHash())) {
            int failures = a.failures() + 1;
            boolean lock = failures >= config.lockoutAfter();
            Instant until = lock ? now.plus(config.lockout()) : Instant.EPOCH;
            Committed.write(
                    writer,
                    "failed staff sign-in",
                    c -> StaffStore.writeLoginState(c, a.username(), lock ? 0 : failures, until));
            return lock ? new SignIn.Locked(until) : new SignIn.Wrong();
        }
        if (a.failures() > 0) {
            Committed.write(
                    writer, "staff sign-in", c -> StaffStore.writeLoginState(c, a.username(), 0, Instant.EPOCH));
        }
        return new SignIn.Accepted(new StaffMember(a.username(), a.role()));
    }

    /** A hash to verify against for unknown names, made when first needed (it costs a whole KDF run). */
    private String dummyHash() {
        if (dummyHash == null) {
            dummyHash = hasher.hash("not-a-real-password");
        }
        return dummyHash;
    }

    public void create(String username, StaffRole role, String password) throws SQLException, Refused {
        checkUsername(username);
        checkPassword(password);
        String hash = hasher.hash(password);
        Instant now = clock.instant();
        boolean[] exists = {false};
        Committed.write(writer, "create staff account " + username, c -> {
            if (StaffStore.account(c, username).isPresent()) {
                exists[0] = true;
                return;
            }
            StaffStore.insert(c, username, role, hash, now);
        });
        if (exists[0]) {
            throw new Refused("a staff account named '" + username + "' exists already", true);
        }
    }

    /** A fresh random password of about 120 bits, for a new account whose creator gave none. */
    public String randomPassword() {
        byte[] b = new byte[15];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public void setPassword(String username, String password) throws SQLException, Refused {
        checkPassword(password);
        String hash = hasher.hash(password);
        existing(username);
        Committed.write(
                writer, "password of " + username, c -> StaffStore.setPassword(c, username, hash, clock.instant()));
    }

    /** A member's own change: the current password must be right (a stolen session alone cannot take over). */
    public void changeOwnPassword(String username, String current, String next) throws SQLException, Refused {
        StaffStore.Account a = existing(username);
        if (!hasher.verify(current, a.passwordHash())) {
            throw new Refused("field 'current' is not your current password", false);
        }
        setPassword(username, next);
    }

    /** Changes role or enabled state; the last enabled administrator can be neither demoted nor disabled. */
    public void update(String username, Optional<StaffRole> role, Optional<Boolean> disabled)
            throws SQLException, Refused {
        StaffStore.Account a = existing(username);
        boolean losesAdmin = a.role() == StaffRole.ADMIN
                && !a.disabled()
                && (role.filter(r -> r != StaffRole.ADMIN).isPresent() || disabled.orElse(false));
        boolean[] last = {false};
        Committed.write(writer, "update staff account " + username, c -> {
            if (losesAdmin && StaffStore.activeAdmins(c) <= 1) {
                last[0] = true;
                return;
            }
            if (role.isPresent()) {
                StaffStore.setRole(c, username, role.get());
            }
            if (disabled.isPresent()) {
                StaffStore.setDisabled(c, username, disabled.get());
            }
        });
        if (last[0]) {
            throw new Refused(username + " is the last enabled administrator", true);
        }
        tokenCache.clear();
    }

    public List<StaffStore.Account> accounts() throws SQLException {
        return database.read(StaffStore::accounts);
    }

    public Optional<StaffMember> member(String username) throws SQLException {
        return database.read(c -> StaffStore.account(c, username))
                .filter(a -> !a.disabled())
                .map(a -> new StaffMember(a.username(), a.role()));
    }

    public IssuedToken issueToken(String username, String label) throws SQLException, Refused {
        existing(username);
        if (label == null || label.isBlank() || label.length() > 100) {
            throw new Refused("field 'label' must be 1-100 characters", false);
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] idBytes = new byte[6];
        random.nextBytes(idBytes);
        StaffStore.Token row = new StaffStore.Token(
                HexFormat.of().formatHex(idBytes), username, label.strip(), clock.instant(), Optional.empty());
        Committed.write(writer, "API token for " + username, c -> StaffStore.insertToken(c, row, sha256(token)));
        return new IssuedToken(row.id(), token);
    }

    /** Who a bearer token belongs to; cached, and the cache is dropped on every change that could matter. */
    public Optional<StaffMember> tokenMember(String token) throws SQLException {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        String hash = sha256(token);
        Optional<StaffMember> cached = tokenCache.get(hash);
        if (cached != null) {
            return cached;
        }
        Optional<StaffMember> owner = database.read(c -> StaffStore.tokenOwner(c, hash));
        // Only known tokens are cached: random guesses must not grow the map.
        owner.ifPresent(m -> tokenCache.put(hash, owner));
        return owner;
    }

    public List<StaffStore.Token> tokens() throws SQLException {
        return database.read(StaffStore::tokens);
    }

    public boolean revokeToken(String id) throws SQLException {
        boolean[] done = {false};
        Committed.write(
                writer, "revoke API token " + id, c -> done[0] = StaffStore.revokeToken(c, id, clock.instant()));
        tokenCache.clear();
        return done[0];
    }

    private StaffStore.Account existing(String username) throws SQLException, Refused {
        Optional<StaffStore.Account> a =
                username == null ? Optional.empty() : database.read(c -> StaffStore.account(c, username));
        if (a.isEmpty()) {
            throw new Refused("no staff account named '" + username + "'", false);
        }
        return a.get();
    }

    private static void checkUsername(String username) throws Refused {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new Refused("field 'username' must be 1-64 of a-z 0-9 . _ - starting with a letter or digit", false);
        }
    }

    private static void checkPassword(String password) throws Refused {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw new Refused("field 'password' must be " + MIN_PASSWORD + "-" + MAX_PASSWORD + " characters", false);
        }
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }
}
