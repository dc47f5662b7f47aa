package dev.carrel.agent.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionCounterTest {
    @TempDir
    Path dir;

    @Test
    void current_withoutAFile_isZero() throws IOException {
        SessionCounter counter = new SessionCounter(dir.resolve("state/session"));

        assertEquals(0, counter.current());
    }

    @Test
    void next_countsUpAndPersistsAcrossNewInstances() throws IOException {
        Path file = dir.resolve("state/session");
        SessionCounter first = new SessionCounter(file);
        assertEquals(1, first.next());
        assertEquals(2, first.next());

        SessionCounter afterRestart = new SessionCounter(file);

        assertEquals(2, afterRestart.current());
        assertEquals(3, afterRestart.next());
        assertEquals("3", Files.readString(file));
    }

    @Test
    void next_leavesNoTemporaryFileBehind() throws IOException {
        Path file = dir.resolve("session");
        SessionCounter counter = new SessionCounter(file);

        counter.next();
        counter.next();

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void new_corruptFile_failsWithAMessageNamingTheFileAndItsContent() throws IOException {
        Path file = dir.resolve("session");
        Files.writeString(file, "12x");

        IOException e = assertThrows(IOException.class, () -> new SessionCounter(file));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("corrupt ('12x')"), e.getMessage());
    }

    @Test
    void new_negativeValue_isCorrupt() throws IOException {
        Path file = dir.resolve("session");
        Files.writeString(file, "-4\n");

        IOException e = assertThrows(IOException.class, () -> new SessionCounter(file));

        assertTrue(e.getMessage().contains("corrupt ('-4')"), e.getMessage());
    }

    @Test
    void new_valueWithTrailingNewline_isRead() throws IOException {
        Path file = dir.resolve("session");
        Files.writeString(file, "41\n");

        SessionCounter counter = new SessionCounter(file);

        assertEquals(41, counter.current());
        assertEquals(42, counter.next());
        assertFalse(Files.exists(dir.resolve("session.tmp")));
    }
}
