package dev.carrel.hub.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/**
 * The hub's SQLite file: migrated by Flyway at open, in WAL mode so readers never block the one writer
 * (DESIGN §6). Writes go through {@link StoreWriter}; reads use {@link #read(Read)}.
 */
public final class Database implements AutoCloseable {
    private final String url;
    private final Connection readConnection;

    /** A query run on the read connection. */
    public interface Read<T> {
        T apply(Connection connection) throws SQLException;
    }

    private Database(String url) throws SQLException {
        this.url = url;
        this.readConnection = open();
        try (Statement s = readConnection.createStatement()) {
            s.execute("PRAGMA query_only=1"); // reads cannot write by mistake: the writer is the only one
        }
    }

    /** Opens (creating if need be) the database file and brings its schema up to date. */
    public static Database open(Path file) throws SQLException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create the folder of " + file + ": " + e.getMessage(), e);
        }
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            // WAL is a property of the file: set once, every later connection uses it.
            s.execute("PRAGMA journal_mode=WAL");
        }
        Flyway.configure()
                .dataSource(url, "", "")
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return new Database(url);
    }

    /** A new connection with the hub's settings; the caller closes it. */
    Connection open() throws SQLException {
        Connection c = DriverManager.getConnection(url);
        try (Statement s = c.createStatement()) {
            // FULL: each commit is fsynced before the writer acknowledges its messages. NORMAL would survive a
            // crash of the hub but not a power cut, and by then the agents have deleted the acknowledged
            // events from their outboxes: they would be lost. Group commit keeps it to one fsync per batch.
            s.execute("PRAGMA synchronous=FULL");
            s.execute("PRAGMA busy_timeout=5000");
            s.execute("PRAGMA foreign_keys=ON");
        }
        return c;
    }

    public <T> T read(Read<T> query) throws SQLException {
        synchronized (readConnection) {
            return query.apply(readConnection);
        }
    }

    @Override
    public void close() throws SQLException {
        synchronized (readConnection) {
            readConnection.close();
        }
    }
}
