package dev.carrel.hub.broker;

import dev.carrel.protocol.AgentId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may connect to the embedded broker: the hub itself and each agent with its own secret.
 *
 * <p>Secrets are random 32-byte tokens made by the hub (never chosen by people), so a salted SHA-256 is
 * enough to store them: there is no dictionary to attack, and checking stays fast at every reconnect. Only
 * the salt and hash are kept; {@link #issue} returns the secret once.
 */
public final class BrokerUsers {
    /** What a user may do once connected. */
    public enum Role {
        HUB,
        AGENT
    }

    private record Entry(Role role, byte[] salt, byte[] hash) {}

    private final Map<String, Entry> users = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

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
        users.put(user, new Entry(role, salt, hash(salt, token.getBytes(StandardCharsets.UTF_8))));
        return token;
    }

    public void revoke(String user) {
        users.remove(user);
    }

    /** The user's role when the secret matches, else empty. */
    public Optional<Role> authenticate(String user, byte[] password) {
        if (user == null || password == null) {
            return Optional.empty();
        }
        Entry entry = users.get(user);
        if (entry == null) {
            return Optional.empty();
        }
        return MessageDigest.isEqual(entry.hash(), hash(entry.salt(), password))
                ? Optional.of(entry.role())
                : Optional.empty();
    }

    public Optional<Role> role(String user) {
        return Optional.ofNullable(users.get(user)).map(Entry::role);
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
