package dev.carrel.hub.analytics;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The segments' {@code satisfaction}: the mean one-tap score (1-5) of the kiosk feedback, which the engagement
 * feature stores with the patron's group and college and never the patron (its table {@code feedback},
 * docs/engagement.md).
 */
final class Satisfaction implements SegmentColumn {

    @Override
    public String name() {
        return "satisfaction";
    }

    @Override
    public boolean mean() {
        return true;
    }

    @Override
    public Map<Segment, Sample> bySegment(Connection c, Instant from, Instant to) throws SQLException {
        Map<Segment, Sample> out = new HashMap<>();
        Rows.each(
                c,
                "SELECT patron_group, college, sum(score), count(*) FROM feedback WHERE ts >= ? AND ts < ? GROUP BY 1, 2",
                List.of(from.toEpochMilli(), to.toEpochMilli()),
                r -> out.put(new Segment(r.getString(1), r.getString(2)), new Sample(r.getLong(3), r.getLong(4))));
        return out;
    }
}
