package dev.carrel.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one writer on a real SQLite file: savepoint per write, group commit, actions after commit. */
class StoreWriterTest {
    @TempDir
    Path dir;

    private Database database;
    private StoreWriter writer;
    private final List<String> failures = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() throws Exception {
        database = Database.open(dir.resolve("hub.db"));
        writer = new StoreWriter(database, (what, e) -> failures.add(what + ": " + e.getMessage()));
        CountDownLatch created = new CountDownLatch(1);
        writer.submit(
                "create",
                c -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("CREATE TABLE notes (v TEXT NOT NULL)");
                    }
                },
                created::countDown);
        assertTrue(created.await(5, TimeUnit.SECONDS));
    }

    @AfterEach
    void close() throws SQLException {
        writer.close();
        database.close();
    }

    @Test
    void submit_writeThatThrows_isRolledBackAloneAndTheRestOfItsBatchCommits() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(3);
        // Hold the writer in its current batch so that the next three writes are drained into one batch.
        writer.submit("hold", c -> await(release), () -> {});
        writer.submit("first", c -> insert(c, "first"), done::countDown);
        writer.submit(
                "broken",
                c -> {
                    insert(c, "half-done");
                    throw new SQLException("refused on purpose");
                },
                done::countDown);
        writer.submit("second", c -> insert(c, "second"), done::countDown);
        release.countDown();

        assertTrue(done.await(5, TimeUnit.SECONDS), "every write's after-commit action runs, the failed one too");
        assertEquals(List.of("first", "second"), notes());
        assertEquals(List.of("broken: refused on purpose"), failures);
    }

    @Test
    void submit_afterCommit_runsWhenTheWriteIsVisibleToReads() throws Exception {
        List<List<String>> seenAfterCommit = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);

        writer.submit("note", c -> insert(c, "visible"), () -> {
            try {
                seenAfterCommit.add(notes());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            done.countDown();
        });

        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of(List.of("visible")), seenAfterCommit);
        assertEquals(List.of(), failures);
    }

    @Test
    void close_commitsWhatWasQueued() throws Exception {
        for (int i = 0; i < 100; i++) {
            String v = "note-" + i;
            writer.submit(v, c -> insert(c, v), () -> {});
        }

        writer.close();

        assertEquals(100, notes().size());
    }

    private static void insert(java.sql.Connection c, String v) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO notes (v) VALUES (?)")) {
            s.setString(1, v);
            s.executeUpdate();
        }
    }

    private static void await(CountDownLatch latch) throws SQLException {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new SQLException("the test never released the writer");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException(e);
        }
    }

    private List<String> notes() throws SQLException {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT v FROM notes ORDER BY rowid");
                    ResultSet rs = s.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        });
    }
}
