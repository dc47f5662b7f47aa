package dev.carrel.agent.gate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

/**
 * The site's HMAC key, shared by the hub and every gate and kept outside any database (DESIGN §7): whoever
 * holds it can test guesses of card numbers against credential hashes. At least 32 bytes (RFC 2104 §3 asks
 * for no less than the hash's output length). {@link #toString()} never shows it.
 */
public final class SiteSecret {
    static final int MIN_BYTES = 32;

    private final byte[] key;

    private SiteSecret(byte[] key) {
        if (key.length < MIN_BYTES) {
            throw new IllegalArgumentException(
                    "configuration key 'site.secret-file' holds " + key.length + " bytes; need at least " + MIN_BYTES);
        }
        this.key = key.clone();
    }

    public static SiteSecret of(byte[] key) {
        return new SiteSecret(key);
    }

    /** From base64 (standard or URL-safe alphabet) text, surrounding white space ignored. */
    public static SiteSecret fromBase64(String text) {
        String t = text.strip();
        try {
            return new SiteSecret(
                    t.indexOf('-') >= 0 || t.indexOf('_') >= 0
                            ? Base64.getUrlDecoder().decode(t)
                            : Base64.getDecoder().decode(t));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("configuration key")) {
                throw e;
            }
            throw new IllegalArgumentException("configuration key 'site.secret-file' is not base64 text", e);
        }
    }

    /**
     * Reads the base64 secret from a file that others may not read (on POSIX file systems: no permission
     * bit for "others"), so a misplaced copy is noticed at start-up rather than after a leak.
     */
    public static SiteSecret read(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null) {
            Set<PosixFilePermission> perms = view.readAttributes().permissions();
            if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new IllegalArgumentException("configuration key 'site.secret-file': " + file
                        + " must not be readable or writable by others (chmod 600)");
            }
        }
        byte[] text = Files.readAllBytes(file);
        try {
            return fromBase64(new String(text, StandardCharsets.US_ASCII));
        } finally {
            Arrays.fill(text, (byte) 0);
        }
    }

    byte[] key() {
        return key.clone();
    }

    @Override
    public String toString() {
        return "SiteSecret[" + key.length + " bytes]";
    }
}
