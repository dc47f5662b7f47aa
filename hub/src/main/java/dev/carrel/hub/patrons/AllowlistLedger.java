package dev.carrel.hub.patrons;

import dev.carrel.hub.store.Database;
import dev.carrel.protocol.AllowlistDelta;
import dev.carrel.protocol.CredentialHash;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The allow-list the gates hold, derived from the registry: one row per credential ever told to the gates,
 * stamped with the version that last changed it ({@code allowlist_entries}, V10). A patron change writes its
 * rows in the same transaction and, when any row really changed, moves the site's version on by one, so:
 *
 * <ul>
 *   <li>a <b>delta</b> from version {@code v} is every row stamped after {@code v}: allowed rows are upserts,
 *       the others removals (docs/gate.md, "The allow-list");
 *   <li>a <b>snapshot</b> is every row; its removals are the credentials the hub refuses (suspended, expired,
 *       removed patrons, replaced cards), so a re-synced gate still refuses them offline.
 * </ul>
 *
 * Versions never go backwards and one version is never reused, since the store writer is the only writer.
 */
public final class AllowlistLedger {
    private final Database database;

    public AllowlistLedger(Database database) {
        this.database = database;
    }

    /** One credential as the gates know it. */
    public record Row(
            CredentialHash credential,
            String pseudonym,
            String greeting,
            Optional<Instant> validUntil,
            boolean allowed,
            long version) {}

    /** The rows a patron change leads to, written in the caller's transaction. */
    public void patronChanged(Connection c, Optional<Patron> before, Optional<Patron> after) throws SQLException {
        Map<CredentialHash, Row> want = new HashMap<>();
        before.ifPresent(p -> p.credentials()
                .forEach(k ->
                        want.put(k.hash(), new Row(k.hash(), p.pseudonym(), p.greeting(), p.validUntil(), false, 0))));
        after.ifPresent(p -> p.credentials()
                .forEach(k -> want.put(
                        k.hash(),
                        new Row(
                                k.hash(),
                                p.pseudonym(),
                                p.greeting(),
                                p.validUntil(),
                                p.status() == PatronStatus.ACTIVE,
                                0))));
        long next = version(c) + 1;
        boolean changed = false;
        for (Row row : want.values()) {
            changed |= write(c, row, next);
        }
        if (changed) {
            try (PreparedStatement s = c.prepareStatement("UPDATE allowlist_version SET version = ? WHERE id = 1")) {
                s.setLong(1, next);
                s.executeUpdate();
            }
        }
    }

    private static boolean write(Connection c, Row row, long version) throws SQLException {
        Optional<Row> old = find(c, row.credential());
        if (old.isPresent() && same(old.get(), row)) {
            return false;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO allowlist_entries (credential, pseudonym, greeting,"
                + " valid_until, allowed, version) VALUES (?,?,?,?,?,?) ON CONFLICT (credential) DO UPDATE SET"
                + " pseudonym = excluded.pseudonym, greeting = excluded.greeting, valid_until = excluded.valid_until,"
                + " allowed = excluded.allowed, version = excluded.version")) {
            s.setString(1, row.credential().hex());
            s.setString(2, row.pseudonym());
            s.setString(3, row.greeting());
            if (row.validUntil().isPresent()) {
                s.setLong(4, row.validUntil().get().toEpochMilli());
            } else {
                s.setNull(4, Types.INTEGER);
            }
            s.setInt(5, row.allowed() ? 1 : 0);
            s.setLong(6, version);
            s.executeUpdate();
        }
        return true;
    }

    private static boolean same(Row a, Row b) {
        // A revocation is a revocation whoever held the card: its greeting never reaches a kiosk.
        if (!a.allowed() && !b.allowed()) {
            return true;
        }
        return a.allowed() == b.allowed()
                && a.pseudonym().equals(b.pseudonym())
                && a.greeting().equals(b.greeting())
                && Objects.equals(a.validUntil(), b.validUntil());
    }

    private static Optional<Row> find(Connection c, CredentialHash credential) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM allowlist_entries WHERE credential = ?")) {
            s.setString(1, credential.hex());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        }
    }

    private static long version(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT version FROM allowlist_version WHERE id = 1");
                ResultSet r = s.executeQuery()) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    /** The site's allow-list version as committed. */
    public long version() throws SQLException {
        return database.read(AllowlistLedger::version);
    }

    /**
     * What a gate at {@code fromVersion} needs: a delta of the rows changed since, or (from 0) a snapshot of
     * all rows. Empty when the gate is already current. One query, so the answer is one consistent state.
     */
    public Optional<AllowlistDelta> since(long fromVersion) throws SQLException {
        List<Row> rows = database.read(c -> rows(c, fromVersion));
        long to = rows.stream().mapToLong(Row::version).max().orElse(0);
        if (to <= fromVersion) {
            return Optional.empty();
        }
        List<AllowlistDelta.Entry> upserts = new ArrayList<>();
        List<CredentialHash> removals = new ArrayList<>();
        for (Row r : rows) {
            if (r.allowed()) {
                upserts.add(new AllowlistDelta.Entry(r.credential(), r.pseudonym(), r.greeting(), r.validUntil()));
            } else {
                removals.add(r.credential());
            }
        }
        return Optional.of(new AllowlistDelta(fromVersion, to, fromVersion == 0, upserts, removals));
    }

    private static List<Row> rows(Connection c, long after) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM allowlist_entries WHERE version > ?")) {
            s.setLong(1, after);
            List<Row> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(row(r));
                }
            }
            return out;
        }
    }

    private static Row row(ResultSet r) throws SQLException {
        long until = r.getLong("valid_until");
        Optional<Instant> validUntil = r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(until));
        return new Row(
                new CredentialHash(r.getString("credential")),
                r.getString("pseudonym"),
                r.getString("greeting"),
                validUntil,
                r.getInt("allowed") == 1,
                r.getLong("version"));
    }
}
