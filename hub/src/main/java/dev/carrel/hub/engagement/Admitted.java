package dev.carrel.hub.engagement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Only a patron who may enter the library (active, in date) registers for events or signs up for shifts. */
final class Admitted {
    private Admitted() {}

    /** @throws Requests.Refused {@code not_admitted} for a suspended, expired or unknown patron */
    static void check(Connection c, String patronId, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT status, valid_until FROM patrons WHERE id = ?")) {
            s.setString(1, patronId);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    String status = rs.getString(1);
                    long until = rs.getLong(2);
                    boolean open = rs.wasNull();
                    if (status.equals("active") && (open || now.toEpochMilli() < until)) {
                        return;
                    }
                }
            }
        }
        throw new Requests.Refused("not_admitted", "your library account is suspended or expired; see the desk");
    }
}
