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
final class Visitors {
    static final String UNKNOWN_GROUP = "unknown";

    /** A visitor; {@code patronId} is empty for a credential no patron holds. */
    record Visitor(String credential, Optional<String> patronId, String group, String college) {}

    private final Connection connection;
    private final Map<String, Visitor> cache = new HashMap<>();

    Visitors(Connection connection) {
        this.connection = connection;
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
        cache.put(credential, v);
        return v;
    }
}
