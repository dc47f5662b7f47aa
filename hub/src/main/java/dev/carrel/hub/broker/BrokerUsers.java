package dev.carrel.hub.broker;

import dev.carrel.protocol.AgentId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Who may connect to the embedded broker: the hub itself and each agent with its own secret.
 *
 * <p>Secrets are random 32-byte tokens made by the hub (never chosen by people), so a salted SHA-256 is
 * enough to store them: there is no dictionary to attack, and checking stays fast at every reconnect. Only
 * the salt and hash are kept; {@link #issue} returns the secret once.
 *
 * <p>Users come from two places: those issued in this process (the hub's own, which is new at every start),
 * and those of a credentials file ({@link #load}). The file is read again when it changes, checked at each
 * connect, so an agent added with {@link CredentialsTool} can connect without a hub restart, and one removed
 * from the file cannot connect again (a live connection stays until it drops, or {@code
 * EmbeddedBroker.disconnect} cuts it). A file that became malformed is logged and the last good one kept.
 */
public final class BrokerUsers {
    private static final Logger LOG = Logger.getLogger(BrokerUsers.class.getName());

    /** What a user may do once connected. */
    public enum Role {
        HUB,
        AGENT
    }

    record Entry(Role role, byte[] salt, byte[] hash) {}

    /**
     * A file's identity when it was read; any change means read it again. The file key (the inode) changes
     * with every save, which moves a new file into place, even within the file system's time resolution.
     */
    private record Stamp(Object key, long modifiedNanos, long size) {}

    private static final Stamp NEVER = new Stamp("never", -1, -1);
    private static final Stamp MISSING = new Stamp("missing", -1, -1);
    private static final Stamp UNREADABLE = new Stamp("unreadable", -1, -1);

    private final Map<String, Entry> issued = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Optional<Path> file;
    private volatile Map<String, Entry> fromFile = Map.of();
    private volatile Stamp stamp = NEVER;

    public BrokerUsers() {
        this.file = Optional.empty();
    }

    private BrokerUsers(Path file) {
        this.file = Optional.of(file);
    }

    /**
     * Users from a credentials file, read now and again whenever it changes.
     *
     * @throws CredentialsFileException when the file is missing, unreadable or malformed (naming the line)
     */
    public static BrokerUsers load(Path file) {
        BrokerUsers users = new BrokerUsers(file);
        if (!Files.isRegularFile(file)) {
            throw new CredentialsFileException(
                    file, "does not exist; create it with the hub's add-agent command", null);
        }
        users.reload(true);
        return users;
    }

    /** Like {@link #load}, but a file that does not exist yet is an empty set of users (for the tool). */
    static BrokerUsers loadOrEmpty(Path file) {
        BrokerUsers users = new BrokerUsers(file);
        if (Files.exists(file)) {
            users.reload(true);
        }
        return users;
    }

    /** Writes every user, from the file and issued here, to {@code target}, as salted hashes only. */
    public void save(Path target) {
        Map<String, Entry> all = new HashMap<>(fromFile);
        all.putAll(issued);
        CredentialsFile.write(target, all);
    }

    /** Makes a new secret for the user (replacing any earlier one) and returns it; it is not kept. */
    public String issue(String user, Role role) {
        if (role == Role.AGENT) {
            AgentId.of(user); // agents' user names are their ids: no '+', '#' or '/'
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        issued.put(user, new Entry(role, salt, hash(salt, token.getBytes(StandardCharsets.UTF_8))));
        return token;
    }

    /** Removes the user from this process; one in the credentials file comes back if the file still has it. */
    public boolean revoke(String user) {
        boolean removed = issued.remove(user) != null;
        Map<String, Entry> current = fromFile;
        if (current.containsKey(user)) {
            Map<String, Entry> copy = new HashMap<>(current);
            copy.remove(user);
            fromFile = Map.copyOf(copy);
            removed = true;
        }
        return removed;
    }

    /** The user's role when the secret matches, else empty. */
    public Optional<Role> authenticate(String user, byte[] password) {
        if (user == null || password == null) {
            return Optional.empty();
        }
        reloadIfChanged();
        Entry entry = entry(user);
        if (entry == null) {
            return Optional.empty();
        }
        return MessageDigest.isEqual(entry.hash(), hash(entry.salt(), password))
                ? Optional.of(entry.role())
                : Optional.empty();
    }

    public Optional<Role> role(String user) {
        return Optional.ofNullable(entry(user)).map(Entry::role);
    }

    /** Whether the user is known, from the file or issued here. */
    public boolean contains(String user) {
        return entry(user) != null;
    }

    private Entry entry(String user) {
        Entry entry = issued.get(user);
        return entry != null ? entry : fromFile.get(user);
    }

    private void reloadIfChanged() {
        if (file.isPresent() && !stampOf(file.get()).equals(stamp)) {
            reload(false);
        }
    }

    private synchronized void reload(boolean strict) {
        Path path = file.orElseThrow();
        Stamp before = stampOf(path);
        if (!strict && before.equals(stamp)) {
            return;
        }
        try {
            fromFile = Map.copyOf(CredentialsFile.read(path));
            stamp = before;
            if (!strict) {
                LOG.info(() -> "broker credentials re-read from " + path + ": " + fromFile.size() + " users");
            }
        } catch (CredentialsFileException e) {
            if (strict) {
                throw e;
            }
            stamp = before; // do not re-read a broken file at every connect; its next change is read again
            LOG.warning(() -> e.getMessage() + "; keeping the users read before");
        }
    }

    private static Stamp stampOf(Path path) {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            return new Stamp(
                    a.fileKey() == null ? "" : a.fileKey(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS), a.size());
        } catch (NoSuchFileException e) {
            return MISSING;
        } catch (IOException e) {
            return UNREADABLE;
        }
    }

    /** User names that cannot smuggle MQTT wildcards or levels into an ACL (../shared/STACK.md §4). */
    static boolean safeName(String name) {
        if (name == null || name.isEmpty() || name.length() > 128) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '+' || c == '#' || c == '/' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] hash(byte[] salt, byte[] secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(secret);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
