package dev.carrel.hub.patrons;

import dev.carrel.hub.store.Database;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.CredentialKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** {@link PatronStore} on the hub's SQLite file (tables from V10). */
public final class SqlitePatronStore implements PatronStore {
    private static final String COLUMNS =
            "id, pseudonym, display_name, greeting, patron_group, college, status, valid_until, updated_at";

    private final Database database;

    public SqlitePatronStore(Database database) {
        this.database = database;
    }

    @Override
    public Optional<Patron> find(String id) throws SQLException {
        return database.read(c -> read(c, id));
    }

    @Override
    public List<Patron> search(String query, Optional<PatronStatus> status, int limit, int offset) throws SQLException {
        return database.read(c -> {
            String sql = "SELECT " + COLUMNS + " FROM patrons WHERE (id LIKE ? ESCAPE '\\' OR display_name LIKE ?"
                    + " ESCAPE '\\') AND (? IS NULL OR status = ?) ORDER BY display_name COLLATE NOCASE, id"
                    + " LIMIT ? OFFSET ?";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                String like =
                        "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
                s.setString(1, like);
                s.setString(2, like);
                String st = status.map(PatronStatus::wire).orElse(null);
                s.setString(3, st);
                s.setString(4, st);
                s.setInt(5, limit);
                s.setInt(6, offset);
                List<Patron> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(patron(c, r));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public Optional<Patron> byCredential(CredentialHash hash) throws SQLException {
        return database.read(c -> {
            Optional<String> owner = owner(c, hash);
            return owner.isPresent() ? read(c, owner.get()) : Optional.<Patron>empty();
        });
    }

    @Override
    public Set<String> ids() throws SQLException {
        return strings("SELECT id FROM patrons");
    }

    @Override
    public Set<String> pinHolders() throws SQLException {
        return strings("SELECT patron_id FROM patron_logins");
    }

    private Set<String> strings(String sql) throws SQLException {
        return database.read(c -> {
            Set<String> out = new HashSet<>();
            try (PreparedStatement s = c.prepareStatement(sql);
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
            return out;
        });
    }

    @Override
    public Optional<Patron> read(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM patrons WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(patron(c, r)) : Optional.empty();
            }
        }
    }

    private static Patron patron(Connection c, ResultSet r) throws SQLException {
        String id = r.getString("id");
        long until = r.getLong("valid_until");
        Optional<Instant> validUntil = r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(until));
        return new Patron(
                id,
                r.getString("pseudonym"),
                r.getString("display_name"),
                r.getString("greeting"),
                PatronGroup.valueOf(r.getString("patron_group").toUpperCase(Locale.ROOT)),
                r.getString("college"),
                PatronStatus.valueOf(r.getString("status").toUpperCase(Locale.ROOT)),
                validUntil,
                credentials(c, id),
                Instant.ofEpochMilli(r.getLong("updated_at")));
    }

    private static List<PatronCredential> credentials(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT kind, hash FROM patron_credentials WHERE patron_id = ? ORDER BY kind, hash")) {
            s.setString(1, id);
            List<PatronCredential> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new PatronCredential(
                            CredentialKind.valueOf(r.getString(1).toUpperCase(Locale.ROOT)),
                            new CredentialHash(r.getString(2))));
                }
            }
            return out;
        }
    }

    @Override
    public void write(Connection c, Patron p) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO patrons (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?)"
                + " ON CONFLICT (id) DO UPDATE SET pseudonym = excluded.pseudonym, display_name = excluded.display_name,"
                + " greeting = excluded.greeting, patron_group = excluded.patron_group, college = excluded.college,"
                + " status = excluded.status, valid_until = excluded.valid_until, updated_at = excluded.updated_at")) {
            s.setString(1, p.id());
            s.setString(2, p.pseudonym());
            s.setString(3, p.displayName());
            s.setString(4, p.greeting());
            s.setString(5, p.group().wire());
            s.setString(6, p.college());
            s.setString(7, p.status().wire());
            if (p.validUntil().isPresent()) {
                s.setLong(8, p.validUntil().get().toEpochMilli());
            } else {
                s.setNull(8, Types.INTEGER);
            }
            s.setLong(9, p.updatedAt().toEpochMilli());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM patron_credentials WHERE patron_id = ?")) {
            s.setString(1, p.id());
            s.executeUpdate();
        }
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO patron_credentials (hash, patron_id, kind) VALUES (?,?,?)")) {
            for (PatronCredential cred : p.credentials()) {
                s.setString(1, cred.hash().hex());
                s.setString(2, p.id());
                s.setString(3, cred.kind().name().toLowerCase(Locale.ROOT));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    @Override
    public void delete(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM patrons WHERE id = ?")) {
            s.setString(1, id);
            s.executeUpdate();
        }
    }

    @Override
    public Optional<String> owner(Connection c, CredentialHash hash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT patron_id FROM patron_credentials WHERE hash = ?")) {
            s.setString(1, hash.hex());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    @Override
    public Optional<Login> login(String patronId) throws SQLException {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT pin_hash, failures, locked_until FROM patron_logins WHERE patron_id = ?")) {
                s.setString(1, patronId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next()
                            ? Optional.of(new Login(
                                    patronId, r.getString(1), r.getInt(2), Instant.ofEpochMilli(r.getLong(3))))
                            : Optional.<Login>empty();
                }
            }
        });
    }

    @Override
    public void writePin(Connection c, String patronId, String pinHash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO patron_logins (patron_id, pin_hash) VALUES (?, ?)"
                + " ON CONFLICT (patron_id) DO UPDATE SET pin_hash = excluded.pin_hash, failures = 0,"
                + " locked_until = 0")) {
            s.setString(1, patronId);
            s.setString(2, pinHash);
            s.executeUpdate();
        }
    }

    @Override
    public void writeLoginState(Connection c, String patronId, int failures, Instant lockedUntil) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("UPDATE patron_logins SET failures = ?, locked_until = ? WHERE patron_id = ?")) {
            s.setInt(1, failures);
            s.setLong(2, lockedUntil.toEpochMilli());
            s.setString(3, patronId);
            s.executeUpdate();
        }
    }
}
