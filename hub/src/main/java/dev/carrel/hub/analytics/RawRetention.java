package dev.carrel.hub.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Privacy (DESIGN §7, issue 6): raw gate and seat events older than {@code carrel.privacy.retention} are
 * rolled up, their days sealed, and then deleted. Every day that holds an event about to go is rolled up from
 * its complete raw events first, so the analytics of old ranges answer the same before and after. The day the
 * cutoff falls in is sealed too, although its later events stay until they pass the cutoff themselves: they
 * were already counted. Runs on the writer's connection, in one transaction.
 */
public final class RawRetention {
    /** Gate and seat events: everything that can be traced to a credential or a desk's occupant. */
    static final String TYPES = "('credential_presented', 'gate_decision', 'gate_passage', 'seat_state_changed',"
            + " 'seat_violation', 'presence_changed')";

    /** What one run did. */
    public record Result(Instant cutoff, int daysSealed, int eventsDeleted) {}

    private final Rollups rollups;
    private final AnalyticsSettings settings;

    RawRetention(Rollups rollups, AnalyticsSettings settings) {
        this.rollups = rollups;
        this.settings = settings;
    }

    Result run(Connection c, Instant now) throws SQLException {
        Instant cutoff = now.minus(settings.retention());
        long oldest;
        try (PreparedStatement s =
                c.prepareStatement("SELECT min(ts) FROM events WHERE type IN " + TYPES + " AND ts < ?")) {
            s.setLong(1, cutoff.toEpochMilli());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                oldest = r.getLong(1);
                if (r.wasNull()) {
                    return new Result(cutoff, 0, 0);
                }
            }
        }
        ZoneId zone = rollups.places().timezone();
        LocalDate last = cutoff.atZone(zone).toLocalDate();
        int sealed = 0;
        for (LocalDate d = Instant.ofEpochMilli(oldest).atZone(zone).toLocalDate();
                !d.isAfter(last);
                d = d.plusDays(1)) {
            if (rollups.roll(c, d, now)) {
                Rollups.seal(c, d, now);
                sealed++;
            }
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM events WHERE type IN " + TYPES + " AND ts < ?")) {
            s.setLong(1, cutoff.toEpochMilli());
            return new Result(cutoff, sealed, s.executeUpdate());
        }
    }
}
