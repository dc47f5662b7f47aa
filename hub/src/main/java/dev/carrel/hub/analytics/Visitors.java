package dev.carrel.hub.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who a credential hash belongs to, from the patron registry as it is when the day is rolled up: a visitor
 * stays pseudonymous (the hash), with the patron id, group and college where a patron holds the credential.
 */
public final class Visitors {
    static final String UNKNOWN_GROUP = "unknown";

    /** A visitor; {@code patronId} is empty for a credential no patron holds. */
    record Visitor(String credential, Optional<String> patronId, String group, String college) {}

    private final Connection connection;
    private final PassHashes passes;
    private final Map<String, Visitor> cache = new HashMap<>();
    private Map<String, String> passHolders;

    /**
     * The credential a gate records for a patron's mobile pass: the keyed hash of {@code qr_pass:} and the
     * patron's pseudonym (docs/gate.md), which only the hub's site key can compute.
     */
    @FunctionalInterface
    public interface PassHashes {
        Optional<String> of(String pseudonym);

        PassHashes NONE = pseudonym -> Optional.empty();
    }

    Visitors(Connection connection, PassHashes passes) {
        this.connection = connection;
        this.passes = passes;
    }

    Visitor of(String credential) throws SQLException {
        Visitor known = cache.get(credential);
        if (known != null) {
            return known;
        }
        Visitor v = new Visitor(credential, Optional.empty(), UNKNOWN_GROUP, "");
        try (PreparedStatement s = connection.prepareStatement("""
                SELECT p.id, p.patron_group, p.college FROM patron_credentials c
                JOIN patrons p ON p.id = c.patron_id WHERE c.hash = ?
                """)) {
            s.setString(1, credential);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    v = new Visitor(credential, Optional.of(r.getString(1)), r.getString(2), r.getString(3));
                }
            }
        }
        if (v.patronId().isEmpty() && passes != PassHashes.NONE) {
            String holder = passHolders().get(credential);
            if (holder != null) {
                v = patron(credential, holder).orElse(v);
            }
        }
        cache.put(credential, v);
        return v;
    }

    /** Every patron's pass credential, computed once per rollup when a credential is not a card. */
    private Map<String, String> passHolders() throws SQLException {
        if (passHolders == null) {
            passHolders = new HashMap<>();
            try (PreparedStatement s = connection.prepareStatement("SELECT id, pseudonym FROM patrons");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String id = r.getString(1);
                    passes.of(r.getString(2)).ifPresent(h -> passHolders.put(h, id));
                }
            }
        }
        return passHolders;
    }

    private Optional<Visitor> patron(String credential, String patronId) throws SQLException {
        try (PreparedStatement s =
                connection.prepareStatement("SELECT patron_group, college FROM patrons WHERE id = ?")) {
            s.setString(1, patronId);
            try (ResultSet r = s.executeQuery()) {
                return r.next()
                        ? Optional.of(new Visitor(credential, Optional.of(patronId), r.getString(1), r.getString(2)))
                        : Optional.empty();
            }
        }
    }
}
