package dev.carrel.agent.gate;

import dev.carrel.agent.gate.Allowlist.Holder;
import dev.carrel.protocol.AllowlistDelta;
import dev.carrel.protocol.CredentialHash;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Optional;

/**
 * The allow-list's SQLite file: its own small database in the agent's data dir, migrated by
 * {@code PRAGMA user_version} (no Flyway on the agent: start-up time). Two connections, because in WAL mode
 * "readers do not block writers and a writer does not block readers" (https://sqlite.org/wal.html), so the
 * greeting reader runs beside a writer applying a large snapshot.
 */
final class AllowlistStore implements AutoCloseable {
    /** Schema steps; {@code PRAGMA user_version} says how many have run. Append, never edit. */
    private static final String[][] MIGRATIONS = {
        {
            "CREATE TABLE allowed (credential TEXT PRIMARY KEY, patron TEXT NOT NULL, greeting TEXT NOT NULL,"
                    + " valid_until INTEGER) WITHOUT ROWID",
            "CREATE INDEX allowed_patron ON allowed (patron)",
            "CREATE TABLE revoked (credential TEXT PRIMARY KEY) WITHOUT ROWID",
            "CREATE TABLE state (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)",
            "INSERT INTO state VALUES (1, 0)"
        }
    };

    private final Connection writer;
    private final Connection reader;

    private AllowlistStore(Connection writer, Connection reader) {
        this.writer = writer;
        this.reader = reader;
    }

    static AllowlistStore open(Path file) throws SQLException {
        Connection writer = DriverManager.getConnection("jdbc:sqlite:" + file);
        try {
            try (Statement s = writer.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                // A commit lost to power failure takes its version with it: the list stays consistent.
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA busy_timeout=5000");
            }
            migrate(writer, file);
            Connection reader = DriverManager.getConnection("jdbc:sqlite:" + file);
            return new AllowlistStore(writer, reader);
        } catch (SQLException | RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    private static void migrate(Connection c, Path file) throws SQLException {
        int at;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            at = rs.getInt(1);
        }
        if (at > MIGRATIONS.length) {
            throw new SQLException(file + " has schema " + at + ", newer than this agent knows (" + MIGRATIONS.length
                    + "); refusing to touch it");
        }
        for (int step = at; step < MIGRATIONS.length; step++) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : MIGRATIONS[step]) {
                    s.execute(sql);
                }
                s.execute("PRAGMA user_version = " + (step + 1));
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    synchronized int count(String table) throws SQLException {
        try (Statement s = writer.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            return rs.getInt(1);
        }
    }

    synchronized long version() throws SQLException {
        try (Statement s = writer.createStatement();
                ResultSet rs = s.executeQuery("SELECT version FROM state")) {
            return rs.getLong(1);
        }
    }

    synchronized void load(CredentialTable allowed, CredentialTable revoked) throws SQLException {
        try (Statement s = writer.createStatement();
                ResultSet rs = s.executeQuery("SELECT credential, valid_until FROM allowed")) {
            while (rs.next()) {
                CredentialHash c = new CredentialHash(rs.getString(1));
                long until = rs.getLong(2);
                allowed.put(
                        CredentialTable.high(c), CredentialTable.low(c), rs.wasNull() ? Allowlist.NO_EXPIRY : until);
            }
        }
        try (Statement s = writer.createStatement();
                ResultSet rs = s.executeQuery("SELECT credential FROM revoked")) {
            while (rs.next()) {
                CredentialHash c = new CredentialHash(rs.getString(1));
                revoked.put(CredentialTable.high(c), CredentialTable.low(c), 0L);
            }
        }
    }

    synchronized void replace(AllowlistDelta snapshot) throws SQLException {
        transaction(() -> {
            try (Statement s = writer.createStatement()) {
                s.execute("DELETE FROM allowed");
                s.execute("DELETE FROM revoked");
            }
            write(snapshot, true);
        });
    }

    synchronized void update(AllowlistDelta delta) throws SQLException {
        transaction(() -> write(delta, false));
    }

    /** @param fresh the tables were just emptied: no revocation to lift, so skip those deletes */
    private void write(AllowlistDelta delta, boolean fresh) throws SQLException {
        try (PreparedStatement up = writer.prepareStatement(
                        "INSERT OR REPLACE INTO allowed (credential, patron, greeting, valid_until)"
                                + " VALUES (?, ?, ?, ?)");
                PreparedStatement unrevoke = writer.prepareStatement("DELETE FROM revoked WHERE credential = ?")) {
            for (AllowlistDelta.Entry e : delta.upserts()) {
                up.setString(1, e.credential().hex());
                up.setString(2, e.patron());
                up.setString(3, e.greeting());
                if (e.validUntil().isPresent()) {
                    up.setLong(4, e.validUntil().get().toEpochMilli());
                } else {
                    up.setNull(4, Types.INTEGER);
                }
                up.addBatch();
                if (!fresh) {
                    unrevoke.setString(1, e.credential().hex());
                    unrevoke.addBatch();
                }
            }
            up.executeBatch();
            unrevoke.executeBatch();
        }
        try (PreparedStatement remove = writer.prepareStatement("DELETE FROM allowed WHERE credential = ?");
                PreparedStatement revoke =
                        writer.prepareStatement("INSERT OR IGNORE INTO revoked (credential) VALUES (?)")) {
            for (CredentialHash c : delta.removals()) {
                remove.setString(1, c.hex());
                remove.addBatch();
                revoke.setString(1, c.hex());
                revoke.addBatch();
            }
            remove.executeBatch();
            revoke.executeBatch();
        }
        try (PreparedStatement v = writer.prepareStatement("UPDATE state SET version = ?")) {
            v.setLong(1, delta.toVersion());
            v.executeUpdate();
        }
    }

    private interface Work {
        void run() throws SQLException;
    }

    private void transaction(Work work) throws SQLException {
        writer.setAutoCommit(false);
        try {
            work.run();
            writer.commit();
        } catch (SQLException | RuntimeException e) {
            writer.rollback();
            throw e;
        } finally {
            writer.setAutoCommit(true);
        }
    }

    Optional<Holder> holder(CredentialHash credential) throws SQLException {
        synchronized (reader) {
            try (PreparedStatement q =
                    reader.prepareStatement("SELECT patron, greeting FROM allowed WHERE credential = ?")) {
                q.setString(1, credential.hex());
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? Optional.of(new Holder(rs.getString(1), rs.getString(2))) : Optional.empty();
                }
            }
        }
    }

    Optional<String> greetingOf(String patron) throws SQLException {
        synchronized (reader) {
            try (PreparedStatement q =
                    reader.prepareStatement("SELECT greeting FROM allowed WHERE patron = ? LIMIT 1")) {
                q.setString(1, patron);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(reader);
        synchronized (this) {
            closeQuietly(writer);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            // Closing at shut-down: nothing left to protect.
        }
    }
}
