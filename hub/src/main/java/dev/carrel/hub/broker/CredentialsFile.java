package dev.carrel.hub.broker;

import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.InvalidFieldException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text form of broker credentials: one user a line, {@code user = role:sha256:salt:hash}, with salt and
 * hash in unpadded base64url. Blank lines and lines starting with {@code #} are ignored. No secret is ever
 * written, only its salted hash; {@link BrokerUsers} explains why a salted SHA-256 suffices.
 *
 * <pre>
 * # Carrel broker credentials
 * reading-room-1 = agent:sha256:3q2-7wAAAAAAAAAAAAAAAA:n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg
 * </pre>
 */
final class CredentialsFile {
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private CredentialsFile() {}

    /** Reads every entry; a malformed or repeated one is an error naming its line. */
    static Map<String, BrokerUsers.Entry> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CredentialsFileException(file, "cannot be read (" + e + ")", e);
        }
        Map<String, BrokerUsers.Entry> entries = new LinkedHashMap<>();
        Map<String, Integer> seenAt = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new CredentialsFileException(file, number, "expected 'user = role:sha256:salt:hash'");
            }
            String user = line.substring(0, eq).strip();
            BrokerUsers.Entry entry =
                    entry(file, number, user, line.substring(eq + 1).strip());
            Integer earlier = seenAt.putIfAbsent(user, number);
            if (earlier != null) {
                throw new CredentialsFileException(file, number, "user '" + user + "' is already on line " + earlier);
            }
            entries.put(user, entry);
        }
        return entries;
    }

    private static BrokerUsers.Entry entry(Path file, int line, String user, String value) {
        if (!BrokerUsers.safeName(user)) {
            throw new CredentialsFileException(
                    file, line, "user name '" + user + "' must be non-empty, without spaces, '+', '#' or '/'");
        }
        String[] parts = value.split(":", -1);
        if (parts.length != 4) {
            throw new CredentialsFileException(
                    file, line, "expected 'role:sha256:salt:hash' after '" + user + " =', got '" + value + "'");
        }
        BrokerUsers.Role role =
                switch (parts[0].strip().toLowerCase(Locale.ROOT)) {
                    case "agent" -> BrokerUsers.Role.AGENT;
                    case "hub" -> BrokerUsers.Role.HUB;
                    default ->
                        throw new CredentialsFileException(
                                file, line, "role must be 'agent' or 'hub', not '" + parts[0].strip() + "'");
                };
        if (role == BrokerUsers.Role.AGENT) {
            try {
                AgentId.of(user);
            } catch (InvalidFieldException e) {
                throw new CredentialsFileException(file, line, "agent " + e.reason());
            }
        }
        if (!parts[1].strip().equals("sha256")) {
            throw new CredentialsFileException(
                    file, line, "hash algorithm must be 'sha256', not '" + parts[1].strip() + "'");
        }
        byte[] salt = decode(file, line, "salt", parts[2].strip(), SALT_BYTES);
        byte[] hash = decode(file, line, "hash", parts[3].strip(), HASH_BYTES);
        return new BrokerUsers.Entry(role, salt, hash);
    }

    private static byte[] decode(Path file, int line, String what, String text, int length) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new CredentialsFileException(file, line, what + " is not base64url: '" + text + "'");
        }
        if (bytes.length != length) {
            throw new CredentialsFileException(file, line, what + " must be " + length + " bytes, not " + bytes.length);
        }
        return bytes;
    }

    /**
     * Writes the entries, sorted by user, through a temporary file moved into place, so a reader (the running
     * hub) sees the old file or the new one, never half of one. Readable by its owner only where the file
     * system allows.
     */
    static void write(Path file, Map<String, BrokerUsers.Entry> entries) {
        StringBuilder text = new StringBuilder();
        text.append("# Carrel broker credentials: user = role:sha256:salt:hash (base64url). Only salted hashes of\n")
                .append("# the secrets are kept here; a secret is shown once, when it is made. Add an agent with\n")
                .append(
                        "#   java -cp carrel-hub.jar dev.carrel.hub.broker.CredentialsTool add-agent ID --credentials FILE\n")
                .append("# The running hub re-reads this file when it changes.\n");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        new TreeMap<>(entries).forEach((user, e) -> text.append(user)
                .append(" = ")
                .append(e.role().name().toLowerCase(Locale.ROOT))
                .append(":sha256:")
                .append(b64.encodeToString(e.salt()))
                .append(':')
                .append(b64.encodeToString(e.hash()))
                .append('\n'));
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".credentials-", ".tmp");
            try {
                restrict(temp);
                Files.writeString(temp, text, StandardCharsets.UTF_8);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new CredentialsFileException(file, "cannot be written (" + e + ")", e);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own defaults apply
        }
    }
}
