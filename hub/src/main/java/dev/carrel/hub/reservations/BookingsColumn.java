package dev.carrel.hub.reservations;

import dev.carrel.hub.analytics.SegmentColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The patron segments' {@code bookings} (docs/analytics.md): seat and room bookings starting in the range, by
 * the group and college of the patron who made them. A cancelled booking does not count (it held nothing
 * for long); a no-show does (it is a booking the patron made, and the segments show its no-shows beside it).
 * Room members who only joined are not counted. A patron no longer in the registry counts under
 * {@code unknown}.
 */
final class BookingsColumn implements SegmentColumn {

    @Override
    public String name() {
        return "bookings";
    }

    @Override
    public boolean mean() {
        return false;
    }

    @Override
    public Map<Segment, Sample> bySegment(Connection c, Instant from, Instant to) throws SQLException {
        Map<Segment, Sample> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT coalesce(p.patron_group, 'unknown'), coalesce(p.college, ''), count(*) FROM reservations r"
                        + " LEFT JOIN patrons p ON p.id = r.patron_id"
                        + " WHERE r.start_at >= ? AND r.start_at < ? AND r.state <> 'cancelled' GROUP BY 1, 2")) {
            s.setLong(1, from.toEpochMilli());
            s.setLong(2, to.toEpochMilli());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long n = rs.getLong(3);
                    out.put(new Segment(rs.getString(1), rs.getString(2)), new Sample(n, n));
                }
            }
        }
        return out;
    }
}
