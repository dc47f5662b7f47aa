package dev.carrel.hub.staff;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code staff_users} and {@code staff_tokens} tables; callers choose the connection (reads or the writer). */
final class StaffStore {

    /** One account row. */
    record Account(
            String username,
            StaffRole role,
            String passwordHash,
            int failures,
            Instant lockedUntil,
            boolean disabled,
            Instant createdAt) {}

    /** One API token row; the token itself is never stored, only its hash. */
    record Token(String id, String username, String label, Instant createdAt, Optional<Instant> revokedAt) {}

    private StaffStore() {}

    static boolean anyAccount(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM staff_users LIMIT 1");
                ResultSet r = s.executeQuery()) {
            return r.next();
        }
    }

    static Optional<Account> account(Connection c, String username) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM staff_users WHERE username = ?")) {
            s.setString(1, username);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(account(r)) : Optional.empty();
            }
        }
    }

    static List<Account> accounts(Connection c) throws SQLException {
        List<Account> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM staff_users ORDER BY username");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(account(r));
            }
        }
        return out;
    }

    static int activeAdmins(Connection c) throws SQLException {
        try (PreparedStatement s =
                        c.prepareStatement("SELECT count(*) FROM staff_users WHERE role = 'admin' AND disabled = 0");
                ResultSet r = s.executeQuery()) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    private static Account account(ResultSet r) throws SQLException {
        return new Account(
                r.getString("username"),
                StaffRole.parse(r.getString("role")).orElseThrow(),
                r.getString("password_hash"),
                r.getInt("failures"),
                Instant.ofEpochMilli(r.getLong("locked_until")),
                r.getInt("disabled") == 1,
                Instant.ofEpochMilli(r.getLong("created_at")));
    }

    static void insert(Connection c, String username, StaffRole role, String hash, Instant now) throws SQLException {
        update(
                c,
                "INSERT INTO staff_users (username, role, password_hash, created_at, password_set_at)"
                        + " VALUES (?, ?, ?, ?, ?)",
                username,
                role.text(),
                hash,
                now.toEpochMilli(),
                now.toEpochMilli());
    }

    static void writeLoginState(Connection c, String username, int failures, Instant lockedUntil) throws SQLException {
        update(
                c,
                "UPDATE staff_users SET failures = ?, locked_until = ? WHERE username = ?",
                failures,
                lockedUntil.toEpochMilli(),
                username);
    }

    static void setPassword(Connection c, String username, String hash, Instant now) throws SQLException {
        update(
                c,
                "UPDATE staff_users SET password_hash = ?, password_set_at = ?, failures = 0, locked_until = 0"
                        + " WHERE username = ?",
                hash,
                now.toEpochMilli(),
                username);
    }

    static void setRole(Connection c, String username, StaffRole role) throws SQLException {
        update(c, "UPDATE staff_users SET role = ? WHERE username = ?", role.text(), username);
    }

    static void setDisabled(Connection c, String username, boolean disabled) throws SQLException {
        update(c, "UPDATE staff_users SET disabled = ? WHERE username = ?", disabled ? 1 : 0, username);
    }

    static void insertToken(Connection c, Token t, String hash) throws SQLException {
        update(
                c,
                "INSERT INTO staff_tokens (id, token_hash, username, label, created_at) VALUES (?, ?, ?, ?, ?)",
                t.id(),
                hash,
                t.username(),
                t.label(),
                t.createdAt().toEpochMilli());
    }

    /** The owner of a live token whose account is enabled. */
    static Optional<StaffMember> tokenOwner(Connection c, String hash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT u.username, u.role FROM staff_tokens t"
                + " JOIN staff_users u ON u.username = t.username"
                + " WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.disabled = 0")) {
            s.setString(1, hash);
            try (ResultSet r = s.executeQuery()) {
                return r.next()
                        ? Optional.of(new StaffMember(
                                r.getString(1), StaffRole.parse(r.getString(2)).orElseThrow()))
                        : Optional.empty();
            }
        }
    }

    static List<Token> tokens(Connection c) throws SQLException {
        List<Token> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                        "SELECT id, username, label, created_at, revoked_at FROM staff_tokens ORDER BY created_at");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                long revoked = r.getLong(5);
                out.add(new Token(
                        r.getString(1),
                        r.getString(2),
                        r.getString(3),
                        Instant.ofEpochMilli(r.getLong(4)),
                        r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(revoked))));
            }
        }
        return out;
    }

    /** Revokes a token; false when there is no live token with that id. */
    static boolean revokeToken(Connection c, String id, Instant now) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("UPDATE staff_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
            s.setLong(1, now.toEpochMilli());
            s.setString(2, id);
            return s.executeUpdate() == 1;
        }
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }
}
