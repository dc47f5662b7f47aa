package dev.carrel.agent.mqtt;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The agent's connect counter (DESIGN §4), kept in one small file so it survives restarts and power loss.
 * Each {@link #next()} is written to a temporary file, forced to disk and renamed over the old one, so the
 * file always holds a whole number and the counter never goes back.
 */
public final class SessionCounter {
    private final Path file;
    private long current;

    public SessionCounter(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.current = read(file);
    }

    private static long read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new NumberFormatException("negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IOException("session counter " + file + " is corrupt ('" + text + "'); move it away and the"
                    + " agent starts a new count, which the hub accepts once it exceeds the last session it saw");
        }
    }

    /** The last session handed out (0 before the first connect). */
    public synchronized long current() {
        return current;
    }

    /** Advances the counter durably and returns the new session. */
    public synchronized long next() throws IOException {
        long next = current + 1;
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(
                tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(Long.toString(next).getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        current = next;
        return next;
    }
}
