package dev.carrel.hub.analytics;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Visits: entries per hour, day or month, unique and new visitors, peak hours, dwell time (docs/analytics.md). */
final class VisitViews {
    /** A visitor's first day with an entry, over all the rollups kept: "new" means first seen in the period. */
    static final String FIRSTS = "(SELECT visitor, first_day AS first FROM analytics_first_visits)";

    enum Interval {
        HOUR,
        DAY,
        MONTH
    }

    private VisitViews() {}

    static Table visits(Connection c, Query q, Interval interval) throws SQLException {
        if (interval == Interval.HOUR) {
            return hourly(c, q);
        }
        String period = interval == Interval.DAY ? "day" : "substr(day, 1, 7)";
        Map<String, Long> entries = new HashMap<>();
        Query.Where w = q.where("", true);
        Rows.each(
                c,
                "SELECT " + period + ", sum(entries) FROM analytics_entry_hours WHERE " + w.sql() + " GROUP BY 1",
                w.params(),
                r -> entries.put(r.getString(1), r.getLong(2)));
        Map<String, long[]> visitors = new HashMap<>();
        Query.Where v = q.where("v.", true);
        String firstPeriod = interval == Interval.DAY ? "f.first" : "substr(f.first, 1, 7)";
        Rows.each(
                c,
                "SELECT " + period.replace("day", "v.day") + ", count(DISTINCT v.visitor),"
                        + " count(DISTINCT CASE WHEN " + firstPeriod + " = " + period.replace("day", "v.day")
                        + " THEN v.visitor END), sum(v.unpaired), sum(v.visits_ms), sum(v.entries)"
                        + " FROM analytics_visitor_days v JOIN " + FIRSTS + " f ON f.visitor = v.visitor"
                        + " WHERE v.entries > 0 AND " + v.sql() + " GROUP BY 1",
                v.params(),
                r -> visitors.put(
                        r.getString(1),
                        new long[] {r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6)}));
        Table t = q.describe(new Table(List.of(
                "period",
                "entries",
                "visitors",
                "newVisitors",
                "returningVisitors",
                "unpairedEntries",
                "averageDwellMinutes")));
        for (String p : periods(q, interval)) {
            long[] x = visitors.getOrDefault(p, new long[5]);
            t.row(
                    p,
                    entries.getOrDefault(p, 0L),
                    x[0],
                    x[1],
                    x[0] - x[1],
                    x[2],
                    x[4] == 0 ? null : Rows.minutes(x[3] / x[4]));
        }
        return t.about("interval", interval.name().toLowerCase(java.util.Locale.ROOT));
    }

    private static Table hourly(Connection c, Query q) throws SQLException {
        Map<String, Long> entries = new HashMap<>();
        Query.Where w = q.where("", true);
        Rows.each(
                c,
                "SELECT day, hour, sum(entries) FROM analytics_entry_hours WHERE " + w.sql() + " GROUP BY 1, 2",
                w.params(),
                r -> entries.put(r.getString(1) + "T" + r.getInt(2), r.getLong(3)));
        Table t = q.describe(new Table(List.of("period", "date", "hour", "entries")));
        for (LocalDate d : q.dates()) {
            for (int h = 0; h < 24; h++) {
                t.row(String.format("%sT%02d:00", d, h), d.toString(), h, entries.getOrDefault(d + "T" + h, 0L));
            }
        }
        return t.about("interval", "hour");
    }

    private static List<String> periods(Query q, Interval interval) {
        if (interval == Interval.DAY) {
            return q.dates().stream().map(LocalDate::toString).toList();
        }
        List<String> out = new ArrayList<>();
        for (YearMonth m = YearMonth.from(q.from()); !m.isAfter(YearMonth.from(q.to())); m = m.plusMonths(1)) {
            out.add(m.toString());
        }
        return out;
    }

    /** Entries by hour of the day over the range, busiest ranked 1. */
    static Table peakHours(Connection c, Query q) throws SQLException {
        long[] byHour = new long[24];
        Query.Where w = q.where("", true);
        Rows.each(
                c,
                "SELECT hour, sum(entries) FROM analytics_entry_hours WHERE " + w.sql() + " GROUP BY hour",
                w.params(),
                r -> byHour[r.getInt(1)] = r.getLong(2));
        Table t = q.describe(new Table(List.of("hour", "entries", "averagePerDay", "rank")));
        for (int h = 0; h < 24; h++) {
            int rank = 1;
            for (int o = 0; o < 24; o++) {
                if (byHour[o] > byHour[h] || (byHour[o] == byHour[h] && o < h)) {
                    rank++;
                }
            }
            t.row(h, byHour[h], Math.round(byHour[h] * 100.0 / q.days()) / 100.0, rank);
        }
        return t;
    }

    /** The dwell-time histogram, every bucket present. */
    static Table dwell(Connection c, Query q) throws SQLException {
        Map<Integer, long[]> cells = new HashMap<>();
        Query.Where w = q.where("", true);
        Rows.each(
                c,
                "SELECT bucket, sum(visits), sum(unpaired) FROM analytics_dwell WHERE " + w.sql() + " GROUP BY bucket",
                w.params(),
                r -> cells.put(r.getInt(1), new long[] {r.getLong(2), r.getLong(3)}));
        Table t = q.describe(new Table(List.of("bucket", "fromMinutes", "toMinutes", "visits", "unpaired")));
        int[] b = DayTotals.DWELL_BUCKETS;
        for (int i = 0; i < b.length; i++) {
            Integer upper = i + 1 < b.length ? b[i + 1] : null;
            long[] x = cells.getOrDefault(b[i], new long[2]);
            t.row(upper == null ? b[i] + "+" : b[i] + "-" + upper, b[i], upper, x[0], x[1]);
        }
        return t;
    }
}
