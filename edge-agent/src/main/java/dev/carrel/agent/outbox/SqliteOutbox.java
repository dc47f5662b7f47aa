package dev.carrel.agent.outbox;

import dev.carrel.protocol.EventId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * The agent's outbox: one SQLite file in WAL mode, written by one connection that holds it exclusively.
 *
 * <p>Durability: {@code synchronous=FULL}. In WAL mode, NORMAL skips the fsync at commit, so a power cut
 * can take back the last commits; an event the gate has recorded must not vanish that way, and the cost is
 * one fsync per append (docs/benchmarks.md measures it). Acknowledged entries are deleted in batches, so
 * the fsync of a delete is shared by many events; a delete lost to a power cut only means a re-send, which
 * the hub dedupes by id.
 *
 * <p>{@code locking_mode=EXCLUSIVE} and immediate transactions: the first write takes the file's lock and
 * keeps it until {@link #close()}, so a second agent on the same data dir fails at open with a clear error
 * instead of interleaving with this one. Positions use AUTOINCREMENT so they are never reused, even after
 * the outbox has been emptied: a drainer that remembers "sent up to position p" is never fooled.
 */
public final class SqliteOutbox implements Outbox {
    private static final int SCHEMA_VERSION = 1;
    private static final String SCHEMA = """
            CREATE TABLE outbox (
                position  INTEGER PRIMARY KEY AUTOINCREMENT,
                id        TEXT    NOT NULL,
                session   INTEGER NOT NULL,
                seq       INTEGER NOT NULL,
                type      TEXT    NOT NULL,
                retention INTEGER NOT NULL,
                payload   BLOB    NOT NULL
            ) STRICT;
            CREATE INDEX outbox_droppable ON outbox (retention, position) WHERE retention < 2;
            CREATE TABLE meta (
                one         INTEGER PRIMARY KEY CHECK (one = 1),
                appended    INTEGER NOT NULL,
                dropped     INTEGER NOT NULL,
                seq_session INTEGER NOT NULL,
                next_seq    INTEGER NOT NULL
            ) STRICT;
            INSERT INTO meta VALUES (1, 0, 0, 0, 0);
            """;

    private final Path file;
    private final OutboxBudget budget;
    private final Connection db;
    private final PreparedStatement insert;
    private final PreparedStatement saveMeta;
    private final PreparedStatement peek;
    private final PreparedStatement delete;
    private final PreparedStatement evict;
    private Tally tally;
    private boolean closed;

    private SqliteOutbox(Path file, OutboxBudget budget, Connection db) throws SQLException {
        this.file = file;
        this.budget = budget;
        this.db = db;
        this.insert = db.prepareStatement(
                "INSERT INTO outbox (id, session, seq, type, retention, payload) VALUES (?, ?, ?, ?, ?, ?)");
        this.saveMeta = db.prepareStatement(
                "UPDATE meta SET appended = ?, dropped = ?, seq_session = ?, next_seq = ? WHERE one = 1");
        this.peek = db.prepareStatement("SELECT position, id, session, seq, type, retention, payload FROM outbox"
                + " WHERE position > ? ORDER BY position LIMIT ?");
        this.delete = db.prepareStatement("DELETE FROM outbox WHERE position = ? RETURNING retention, length(payload)");
        // The literal "retention < 2" lets SQLite use the partial index; the parameter narrows it further.
        this.evict = db.prepareStatement("DELETE FROM outbox WHERE position = (SELECT position FROM outbox"
                + " WHERE retention < 2 AND retention <= ? ORDER BY retention, position LIMIT 1)"
                + " RETURNING retention, length(payload)");
        this.tally = load();
    }

    /**
     * Opens the outbox file, creating it if absent, and takes its lock.
     *
     * @throws OutboxException when the file is corrupt, not an outbox, from a newer agent, or in use
     */
    public static SqliteOutbox open(Path file, OutboxBudget budget) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new OutboxException("cannot create the folder of the outbox file " + file + ": " + e, e);
        }
        Connection db = null;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA busy_timeout = 500"); // another process holds it: say so soon, do not hang
                s.execute("PRAGMA locking_mode = EXCLUSIVE");
                requireWal(s);
                s.execute("PRAGMA synchronous = FULL");
            }
            db.setAutoCommit(false);
            migrate(db, file);
            return new SqliteOutbox(file, budget, db);
        } catch (SQLException e) {
            closeQuietly(db);
            throw failure(file, "opening", e);
        } catch (OutboxException e) {
            closeQuietly(db);
            throw e;
        }
    }

    private static void requireWal(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("PRAGMA journal_mode = WAL")) {
            String mode = r.next() ? r.getString(1) : "";
            if (!"wal".equalsIgnoreCase(mode)) {
                throw new SQLException("the file cannot use write-ahead logging (journal mode " + mode + ")");
            }
        }
    }

    /** A tiny migration by {@code PRAGMA user_version}: the agent stays light, no Flyway (STYLE, issue 4). */
    private static void migrate(Connection db, Path file) throws SQLException {
        try (Statement s = db.createStatement()) {
            int version;
            try (ResultSet r = s.executeQuery("PRAGMA user_version")) {
                version = r.next() ? r.getInt(1) : 0;
            }
            if (version > SCHEMA_VERSION) {
                db.rollback();
                throw new OutboxException("outbox file " + file + " has schema " + version
                        + ", newer than this agent's " + SCHEMA_VERSION + "; run the newer agent, or move it aside");
            }
            if (version == 0) {
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM sqlite_schema")) {
                    if (r.next() && r.getLong(1) > 0) {
                        db.rollback();
                        throw new OutboxException(
                                "file " + file + " is a SQLite database but not an outbox;" + " it was left as it is");
                    }
                }
                for (String statement : SCHEMA.split(";")) {
                    if (!statement.isBlank()) {
                        s.execute(statement);
                    }
                }
                s.execute("PRAGMA user_version = " + SCHEMA_VERSION);
            }
            db.commit();
        }
    }

    private Tally load() throws SQLException {
        Tally t = new Tally();
        try (Statement s = db.createStatement()) {
            try (ResultSet r = s.executeQuery(
                    "SELECT retention, count(*), total(length(payload)) FROM outbox GROUP BY retention")) {
                while (r.next()) {
                    t.add(Retention.of(r.getInt(1)), r.getLong(2), (long) r.getDouble(3));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT appended, dropped, seq_session, next_seq FROM meta")) {
                if (!r.next()) {
                    throw new SQLException("the meta row is missing", "corrupt", 11);
                }
                t.appended = r.getLong(1);
                t.dropped = r.getLong(2);
                t.seqSession = r.getLong(3);
                t.nextSeq = r.getLong(4);
            }
        }
        db.commit();
        return t;
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    /** One transaction; on failure it rolls back and the in-memory tally goes back to what it was. */
    private <T> T write(String what, Work<T> work) {
        open();
        Tally before = tally.copy();
        try {
            T result = work.run();
            saveMeta();
            db.commit();
            return result;
        } catch (SQLException e) {
            tally = before;
            try {
                db.rollback();
            } catch (SQLException ignored) {
                // the original failure is the one to report
            }
            throw failure(file, what, e);
        }
    }

    @Override
    public synchronized Admission append(OutboxEntry entry) {
        return write("appending " + entry.id(), () -> store(entry));
    }

    @Override
    public synchronized long appendAll(List<OutboxEntry> entries) {
        return write("appending " + entries.size() + " entries", () -> {
            long dropped = 0;
            for (OutboxEntry entry : entries) {
                dropped += store(entry).dropped();
            }
            return dropped;
        });
    }

    private Admission store(OutboxEntry entry) throws SQLException {
        SQLException[] evictFailure = new SQLException[1];
        Admission admission = tally.admit(budget, entry, incoming -> {
            try {
                return evictOldest(incoming);
            } catch (SQLException e) {
                evictFailure[0] = e;
                return false;
            }
        });
        if (evictFailure[0] != null) {
            throw evictFailure[0];
        }
        if (admission.stored()) {
            insert.setString(1, entry.id().toString());
            insert.setLong(2, entry.session());
            insert.setLong(3, entry.seq());
            insert.setString(4, entry.type());
            insert.setInt(5, entry.retention().code());
            insert.setBytes(6, entry.payload());
            insert.executeUpdate();
            tally.stored(entry);
        }
        return admission;
    }

    private boolean evictOldest(Retention incoming) throws SQLException {
        evict.setInt(1, Math.min(incoming.code(), Retention.RECORD.code()));
        try (ResultSet r = evict.executeQuery()) {
            if (!r.next()) {
                return false;
            }
            tally.remove(Retention.of(r.getInt(1)), r.getLong(2));
            return true;
        }
    }

    private void saveMeta() throws SQLException {
        saveMeta.setLong(1, tally.appended);
        saveMeta.setLong(2, tally.dropped);
        saveMeta.setLong(3, tally.seqSession);
        saveMeta.setLong(4, tally.nextSeq);
        saveMeta.executeUpdate();
    }

    @Override
    public synchronized List<Queued> peek(long afterPosition, int max) {
        open();
        try {
            peek.setLong(1, afterPosition);
            peek.setInt(2, max);
            List<Queued> out = new ArrayList<>(Math.min(max, 1024));
            try (ResultSet r = peek.executeQuery()) {
                while (r.next()) {
                    OutboxEntry entry = new OutboxEntry(
                            EventId.parse(r.getString(2)),
                            r.getLong(3),
                            r.getLong(4),
                            r.getString(5),
                            Retention.of(r.getInt(6)),
                            r.getBytes(7));
                    out.add(new Queued(r.getLong(1), entry));
                }
            }
            db.commit();
            return out;
        } catch (SQLException e) {
            throw failure(file, "reading", e);
        }
    }

    @Override
    public synchronized void remove(List<Long> positions) {
        if (positions.isEmpty()) {
            return;
        }
        write("removing " + positions.size() + " acknowledged entries", () -> {
            for (long position : positions) {
                delete.setLong(1, position);
                try (ResultSet r = delete.executeQuery()) {
                    if (r.next()) {
                        tally.remove(Retention.of(r.getInt(1)), r.getLong(2));
                    }
                }
            }
            return null;
        });
    }

    @Override
    public synchronized long size() {
        return tally.rows();
    }

    @Override
    public synchronized long bytes() {
        return tally.bytes();
    }

    @Override
    public synchronized long appended() {
        return tally.appended;
    }

    @Override
    public synchronized long dropped() {
        return tally.dropped;
    }

    @Override
    public synchronized long nextSeq(long session) {
        return tally.nextSeq(session);
    }

    public Path file() {
        return file;
    }

    private void open() {
        if (closed) {
            throw new OutboxException("the outbox " + file + " is closed");
        }
    }

    /** Closes the file; SQLite checkpoints the WAL into it and releases the lock. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            closeQuietly(db);
        }
    }

    private static void closeQuietly(Connection db) {
        if (db == null) {
            return;
        }
        try {
            db.close();
        } catch (SQLException ignored) {
            // closing is best effort; the lock goes with the connection either way
        }
    }

    /** Turns SQLite's result code into a message that says what is wrong and what to do. */
    static OutboxException failure(Path file, String what, SQLException e) {
        String reason =
                switch (e.getErrorCode() & 0xFF) {
                    case 5, 6 -> "the file is in use by another process (is a second agent running on this data dir?)";
                    case 11, 26 ->
                        "the file is corrupt or not a SQLite database; it was left as it is. Stop the agent and move"
                                + " it aside to start with an empty outbox (its events are then lost unless"
                                + " `sqlite3 FILE .recover` saves them)";
                    case 13 -> "the disk is full";
                    case 8 -> "the file is read-only";
                    case 14 -> "the file cannot be opened (check the folder and its permissions)";
                    case 10 -> "the disk reported an I/O error";
                    default -> "SQLite error " + e.getErrorCode();
                };
        return new OutboxException(
                "outbox " + file + ": " + what + " failed: " + reason + " (" + e.getMessage() + ")", e);
    }
}
