package dev.carrel.agent.gate;

import dev.carrel.protocol.AllowlistDelta;
import dev.carrel.protocol.CredentialHash;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The gate's local allow-list: credentials that may enter, credentials revoked (a suspended patron, a lost
 * card), and the version of the hub's list they reflect. Kept in its own SQLite file and mirrored in memory,
 * so {@link #standing} answers in well under a microsecond and never waits on the disk or the network.
 *
 * <p>{@link #apply} writes a delta to SQLite in one transaction first and updates memory only after the
 * commit, so a crash or a refused delta leaves both as they were. A delta applies only on top of its
 * {@code fromVersion}; a snapshot replaces everything. Removals are remembered as revocations so an
 * offline gate refuses a suspended patron instead of applying its fallback to an unknown card; a snapshot
 * carries the current revocations in its removals. Thread-safe.
 */
public final class Allowlist implements AutoCloseable {
    /** The allow-list rows whose holder a kiosk may greet. */
    public record Holder(String patron, String greeting) {}

    /** Where a credential stands on this list at a given time. */
    public enum Standing {
        ALLOWED,
        EXPIRED,
        REVOKED,
        UNKNOWN
    }

    /** What {@link #apply} did with a delta. */
    public enum Outcome {
        APPLIED,
        /** Its {@code toVersion} is not newer than ours: a redelivery, nothing to do. */
        ALREADY_APPLIED,
        /** It builds on a version we do not have: refused, a snapshot is needed. */
        GAP
    }

    static final long NO_EXPIRY = Long.MAX_VALUE;

    /** Never a stored expiry: those are epoch milliseconds of real dates, or NO_EXPIRY. */
    private static final long ABSENT = Long.MIN_VALUE + 1;

    private final AllowlistStore store;
    private final Object memory = new Object();
    private CredentialTable allowed;
    private CredentialTable revoked;
    private volatile long version;

    private Allowlist(AllowlistStore store, CredentialTable allowed, CredentialTable revoked, long version) {
        this.store = store;
        this.allowed = allowed;
        this.revoked = revoked;
        this.version = version;
    }

    /** Opens (creating or migrating) the list's SQLite file and loads it into memory. */
    public static Allowlist open(Path file) throws SQLException {
        AllowlistStore store = AllowlistStore.open(file);
        try {
            CredentialTable allowed = new CredentialTable(store.count("allowed"));
            CredentialTable revoked = new CredentialTable(store.count("revoked"));
            store.load(allowed, revoked);
            return new Allowlist(store, allowed, revoked, store.version());
        } catch (SQLException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The version of the hub's list this one reflects; 0 before the first snapshot. */
    public long version() {
        return version;
    }

    public int size() {
        synchronized (memory) {
            return allowed.size();
        }
    }

    public int revocations() {
        synchronized (memory) {
            return revoked.size();
        }
    }

    /** Memory only: never touches the disk. */
    public Standing standing(CredentialHash credential, Instant now) {
        long hi = CredentialTable.high(credential);
        long lo = CredentialTable.low(credential);
        synchronized (memory) {
            long until = allowed.get(hi, lo, ABSENT);
            if (until != ABSENT) {
                return now.toEpochMilli() < until ? Standing.ALLOWED : Standing.EXPIRED;
            }
            return revoked.contains(hi, lo) ? Standing.REVOKED : Standing.UNKNOWN;
        }
    }

    /** Who holds an allowed credential, read from SQLite: for the greeting, after the relay has pulsed. */
    public Optional<Holder> holder(CredentialHash credential) throws SQLException {
        return store.holder(credential);
    }

    /** The greeting of a patron (by pseudonym) with any credential on the list: for a mobile pass. */
    public Optional<String> greetingOf(String patron) throws SQLException {
        return store.greetingOf(patron);
    }

    /** Applies a delta or snapshot from the hub; see the class comment for the rules. */
    public synchronized Outcome apply(AllowlistDelta delta) throws SQLException {
        long have = version;
        if (delta.toVersion() <= have) {
            return Outcome.ALREADY_APPLIED;
        }
        if (!delta.snapshot() && delta.fromVersion() != have) {
            return Outcome.GAP;
        }
        if (delta.snapshot()) {
            CredentialTable newAllowed = new CredentialTable(delta.upserts().size());
            CredentialTable newRevoked = new CredentialTable(delta.removals().size());
            fill(delta, newAllowed, newRevoked);
            store.replace(delta);
            synchronized (memory) {
                allowed = newAllowed;
                revoked = newRevoked;
                version = delta.toVersion();
            }
        } else {
            store.update(delta);
            synchronized (memory) {
                fill(delta, allowed, revoked);
                version = delta.toVersion();
            }
        }
        return Outcome.APPLIED;
    }

    /** Upserts first, then removals: a credential named in both ends up revoked. */
    private static void fill(AllowlistDelta delta, CredentialTable allowed, CredentialTable revoked) {
        for (AllowlistDelta.Entry e : delta.upserts()) {
            long hi = CredentialTable.high(e.credential());
            long lo = CredentialTable.low(e.credential());
            allowed.put(hi, lo, e.validUntil().map(Instant::toEpochMilli).orElse(NO_EXPIRY));
            revoked.remove(hi, lo);
        }
        for (CredentialHash c : delta.removals()) {
            long hi = CredentialTable.high(c);
            long lo = CredentialTable.low(c);
            allowed.remove(hi, lo);
            revoked.put(hi, lo, 0L);
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
