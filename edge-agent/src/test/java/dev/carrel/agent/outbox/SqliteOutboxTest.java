package dev.carrel.agent.outbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on a real SQLite file, plus what only a file can do: come back after a restart, fail well. */
class SqliteOutboxTest extends OutboxContract {
    @TempDir
    Path dir;

    @Override
    Outbox create(OutboxBudget budget) {
        return SqliteOutbox.open(dir.resolve("outbox.db"), budget);
    }

    @Test
    void reopen_afterRestart_keepsWaitingEntriesCountersAndSequence() {
        Path file = dir.resolve("agent").resolve("outbox.db");
        List<OutboxEntry> kept;
        try (SqliteOutbox outbox = SqliteOutbox.open(file, new OutboxBudget(3, 1_000))) {
            for (int i = 0; i < 4; i++) {
                outbox.append(entries.next(Retention.TELEMETRY, 5, 7));
            }
            List<Queued> waiting = outbox.peek(0, 10);
            outbox.remove(List.of(waiting.get(0).position()));
            kept = entriesOf(outbox.peek(0, 10));
        }
        try (SqliteOutbox again = SqliteOutbox.open(file, new OutboxBudget(3, 1_000))) {
            assertEquals(kept, entriesOf(again.peek(0, 10)));
            assertEquals(2, again.size());
            assertEquals(10, again.bytes());
            assertEquals(4, again.appended());
            assertEquals(1, again.dropped());
            assertEquals(4, again.nextSeq(7));
            assertArrayEquals(
                    kept.get(0).payload(), again.peek(0, 1).get(0).entry().payload());
        }
    }

    @Test
    void open_garbageFile_failsClearly_andLeavesTheFileAlone() throws Exception {
        Path file = dir.resolve("outbox.db");
        byte[] garbage = "this is not a database, it is a shopping list: milk, eggs, index cards"
                .repeat(20)
                .getBytes(StandardCharsets.UTF_8);
        Files.write(file, garbage);
        OutboxException e = assertThrows(OutboxException.class, () -> SqliteOutbox.open(file, OutboxBudget.DEFAULT));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("corrupt or not a SQLite database"), e.getMessage());
        assertArrayEquals(garbage, Files.readAllBytes(file));
    }

    @Test
    void open_whileAnotherAgentHoldsTheFile_failsClearly() {
        Path file = dir.resolve("outbox.db");
        try (SqliteOutbox first = SqliteOutbox.open(file, OutboxBudget.DEFAULT)) {
            first.append(entries.next(Retention.NEVER_DROP, 1));
            OutboxException e =
                    assertThrows(OutboxException.class, () -> SqliteOutbox.open(file, OutboxBudget.DEFAULT));
            assertTrue(e.getMessage().contains("in use by another process"), e.getMessage());
            assertEquals(1, first.peek(0, 10).size(), "the holder keeps working");
        }
    }

    @Test
    void open_sqliteFileOfSomethingElse_isRefusedUntouched() throws Exception {
        Path file = dir.resolve("seats.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE seats (id TEXT)");
        }
        long before = Files.size(file);
        OutboxException e = assertThrows(OutboxException.class, () -> SqliteOutbox.open(file, OutboxBudget.DEFAULT));
        assertTrue(e.getMessage().contains("not an outbox"), e.getMessage());
        assertEquals(before, Files.size(file));
    }

    @Test
    void open_fileFromANewerAgent_isRefused() throws Exception {
        Path file = dir.resolve("outbox.db");
        SqliteOutbox.open(file, OutboxBudget.DEFAULT).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 9");
        }
        OutboxException e = assertThrows(OutboxException.class, () -> SqliteOutbox.open(file, OutboxBudget.DEFAULT));
        assertTrue(e.getMessage().contains("newer than this agent"), e.getMessage());
    }

    @Test
    void file_isInWalMode_withTheSchemaVersionSet() throws Exception {
        Path file = dir.resolve("outbox.db");
        SqliteOutbox.open(file, OutboxBudget.DEFAULT).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            var mode = s.executeQuery("PRAGMA journal_mode");
            mode.next();
            assertEquals("wal", mode.getString(1));
            var version = s.executeQuery("PRAGMA user_version");
            version.next();
            assertEquals(1, version.getInt(1));
        }
    }
}
