package dev.carrel.hub.privacy;

import dev.carrel.hub.patrons.Patron;
import dev.carrel.hub.patrons.Patrons;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The patron registry as patron data: the patron row, their credentials (as the keyed hashes stored), the
 * mobile-pass login (whether a PIN is set, failures, lock-out; never the PIN hash, which would invite offline
 * guessing) and the allow-list rows the gates were told under the patron's pseudonym.
 *
 * <p>Erasure removes the patron through {@link Patrons#remove}, so their credentials become revocations
 * that reach every gate (an erased patron's card must not open a gate offline), deletes the login, and then
 * strips the pseudonym, greeting and end date from every allow-list row of theirs: what stays is a bare
 * credential hash marked refused, linked to no one. A later re-import of the same CSV row makes a new patron
 * (same id, same pseudonym, the same cards allowed again) with no history: the other contributors have erased
 * or unlinked it, and the pseudonym no longer finds any allow-list row.
 */
final class RegistryData implements PatronData {
    private final Patrons patrons;

    RegistryData(Patrons patrons) {
        this.patrons = patrons;
    }

    /** A credential as exported. */
    record Credential(String kind, String hash) {}

    /** The mobile-pass sign-in state. */
    record Login(boolean pinSet, int failures, Instant lockedUntil) {}

    /** One allow-list row: what the gates know of the credential. */
    record GateEntry(String credential, boolean allowed, Optional<Instant> validUntil, long version) {}

    @Override
    public String name() {
        return "registry";
    }

    @Override
    public Map<String, Object> export(Connection c, String patronId) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<Patron> patron = patrons.store().read(c, patronId);
        List<GateEntry> entries = entries(c, patrons.key().pseudonym(patronId));
        if (patron.isEmpty() && entries.isEmpty()) {
            return out;
        }
        patron.ifPresent(p -> {
            out.put("id", p.id());
            out.put("displayName", p.displayName());
            out.put("greeting", p.greeting());
            out.put("group", p.group().wire());
            out.put("college", p.college());
            out.put("status", p.status().wire());
            out.put("validUntil", p.validUntil());
            out.put("updatedAt", p.updatedAt());
            out.put(
                    "credentials",
                    p.credentials().stream()
                            .map(k -> new Credential(
                                    k.kind().name().toLowerCase(Locale.ROOT),
                                    k.hash().hex()))
                            .toList());
        });
        out.put("pseudonym", patrons.key().pseudonym(patronId));
        login(c, patronId).ifPresent(l -> out.put("passLogin", l));
        out.put("gateEntries", entries);
        return out;
    }

    @Override
    public void erase(Connection c, String patronId) throws SQLException {
        patrons.remove(c, patronId);
        update(c, "DELETE FROM patron_logins WHERE patron_id = ?", patronId);
        update(
                c,
                "UPDATE allowlist_entries SET pseudonym = '', greeting = '', valid_until = NULL WHERE pseudonym = ?",
                patrons.key().pseudonym(patronId));
    }

    private static Optional<Login> login(Connection c, String patronId) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT failures, locked_until FROM patron_logins WHERE patron_id = ?")) {
            s.setString(1, patronId);
            try (ResultSet r = s.executeQuery()) {
                return r.next()
                        ? Optional.of(new Login(true, r.getInt(1), Instant.ofEpochMilli(r.getLong(2))))
                        : Optional.empty();
            }
        }
    }

    private static List<GateEntry> entries(Connection c, String pseudonym) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT credential, allowed, valid_until, version"
                + " FROM allowlist_entries WHERE pseudonym = ? ORDER BY version, credential")) {
            s.setString(1, pseudonym);
            List<GateEntry> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long until = r.getLong(3);
                    Optional<Instant> validUntil =
                            r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(until));
                    out.add(new GateEntry(r.getString(1), r.getInt(2) == 1, validUntil, r.getLong(4)));
                }
            }
            return out;
        }
    }

    private static void update(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            s.executeUpdate();
        }
    }
}
