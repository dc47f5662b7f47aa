package dev.carrel.hub.enrolment;

import dev.carrel.protocol.AgentId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seats on an external Mosquitto 2.0: the hub owns a password file and an ACL file that Mosquitto reads
 * ({@code password_file}, {@code acl_file}, with {@code use_username_as_clientid true}; docs/operations.md),
 * rewrites them whole, and asks Mosquitto to re-read them ({@link Reload}, SIGHUP).
 *
 * <p>Mosquitto re-reads the files on SIGHUP and refuses a removed user's next connect, but it does not drop
 * a connection that is already open: revocation is immediate on the embedded broker, and on Mosquitto at
 * the device's next reconnect (or at once with Mosquitto's dynamic-security plugin, not used yet).
 */
public final class MosquittoSeats implements BrokerSeats {

    /** Tells Mosquitto to re-read its files. */
    public interface Reload {
        void reload();
    }

    private final Path passwordFile;
    private final Path aclFile;
    private final Reload reload;
    private final SecureRandom random = new SecureRandom();

    private MosquittoSeats(Path passwordFile, Path aclFile, Reload reload) {
        this.passwordFile = passwordFile;
        this.aclFile = aclFile;
        this.reload = reload;
    }

    /**
     * Writes the ACL and puts the hub's own user in the password file (keeping the agents already there),
     * then reloads Mosquitto.
     */
    public static MosquittoSeats open(
            Path passwordFile, Path aclFile, String hubUser, String hubPassword, Reload reload) {
        MosquittoSeats seats = new MosquittoSeats(passwordFile, aclFile, reload);
        seats.write(aclFile, acl(hubUser));
        seats.put(hubUser, hubPassword);
        return seats;
    }

    @Override
    public synchronized String admit(AgentId agent) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        put(agent.value(), password);
        return password;
    }

    @Override
    public synchronized void cutOff(AgentId agent) {
        Map<String, String> lines = lines();
        if (lines.remove(agent.value()) != null) {
            writePasswords(lines);
        }
    }

    /** The ACL: the hub everywhere under {@code carrel/}, each agent under its own prefix only. */
    static String acl(String hubUser) {
        return """
                # Written by the Carrel hub (docs/operations.md); changes here are overwritten at its next start.
                # Client ids are the user names (use_username_as_clientid true), so %%u is the agent's id.
                user %s
                topic readwrite carrel/#

                pattern readwrite carrel/v1/agents/%%u/#
                """.formatted(hubUser);
    }

    private void put(String user, String password) {
        Map<String, String> lines = lines();
        lines.put(user, MosquittoPasswords.line(user, password, random));
        writePasswords(lines);
    }

    private void writePasswords(Map<String, String> lines) {
        write(passwordFile, String.join("\n", lines.values()) + "\n");
        reload.reload();
    }

    private Map<String, String> lines() {
        Map<String, String> out = new LinkedHashMap<>();
        if (!Files.exists(passwordFile)) {
            return out;
        }
        try {
            List<String> all = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
            for (String line : all) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    out.put(line.substring(0, colon), line);
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read Mosquitto's password file " + passwordFile + ": " + e, e);
        }
    }

    /** Whole-file replace; group-readable (0640), for a Mosquitto running under its own user in that group. */
    private void write(Path file, String text) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(
                    dir,
                    "." + file.getFileName(),
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
            try {
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
            throw new IllegalStateException("cannot write " + file + " for Mosquitto: " + e, e);
        }
    }
}
