package dev.carrel.hub.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a day's totals over whatever the day had before, on the writer's connection, and keeps the quarterly
 * award table in step: the day's old capped contributions are taken out before its rows are replaced and the
 * new ones added after, so the leaderboard never needs the daily rows.
 */
final class RollupTables {
    private static final List<String> DAY_TABLES = List.of(
            "analytics_visitor_days",
            "analytics_entry_hours",
            "analytics_dwell",
            "analytics_zone_hours",
            "analytics_zone_days");

    private RollupTables() {}

    static String quarter(LocalDate day) {
        return day.getYear() + "-Q" + day.get(IsoFields.QUARTER_OF_YEAR);
    }

    static void replace(Connection c, Day day, DayTotals t, Places places, long capMs) throws SQLException {
        award(c, day.key(), capMs, -1);
        for (String table : DAY_TABLES) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE day = ?")) {
                s.setString(1, day.key());
                s.executeUpdate();
            }
        }
        visitors(c, day.key(), t);
        cells(
                c,
                "INSERT INTO analytics_entry_hours VALUES (?, ?, ?, ?, ?, ?)",
                t.entryHours,
                (k, v) -> List.of(
                        day.key(),
                        k.hour(),
                        k.segment().building(),
                        k.segment().group(),
                        k.segment().college(),
                        v[0]));
        cells(
                c,
                "INSERT INTO analytics_dwell VALUES (?, ?, ?, ?, ?, ?, ?)",
                t.dwell,
                (k, v) -> List.of(
                        day.key(),
                        k.segment().building(),
                        k.segment().group(),
                        k.segment().college(),
                        k.bucket(),
                        v[0],
                        v[1]));
        cells(
                c,
                "INSERT INTO analytics_zone_hours VALUES (?, ?, ?, ?, ?)",
                t.zoneHours,
                (k, v) -> List.of(day.key(), k.hour(), k.zone(), v[0], v[1]));
        zones(c, day.key(), t, places);
        award(c, day.key(), capMs, +1);
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO analytics_first_visits (visitor, first_day)
                SELECT visitor, day FROM analytics_visitor_days WHERE day = ? AND entries > 0 GROUP BY visitor
                ON CONFLICT (visitor) DO UPDATE SET first_day = min(first_day, excluded.first_day)
                """)) {
            s.setString(1, day.key());
            s.executeUpdate();
        }
    }

    private static void visitors(Connection c, String day, DayTotals t) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        t.visitors.forEach((k, v) -> rows.add(java.util.Arrays.asList(
                day,
                k.building(),
                k.credential(),
                v.who.patronId().orElse(null),
                v.who.group(),
                v.who.college(),
                v.entries,
                v.visitsMs,
                v.unpaired,
                v.seatMs,
                v.verifiedMs,
                v.sessions,
                v.noShows)));
        insert(c, "INSERT INTO analytics_visitor_days VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    /** Every zone of the model gets its row, so a day without use says so. */
    private static void zones(Connection c, String day, DayTotals t, Places places) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        for (var zone : places.zones()) {
            DayTotals.ZoneDay z = t.zones.getOrDefault(zone.id(), new DayTotals.ZoneDay());
            rows.add(List.of(
                    day,
                    zone.id(),
                    places.seatsIn(zone.id()),
                    z.sessions,
                    z.noShows,
                    z.overruns,
                    z.leaves,
                    z.leaveMs,
                    z.energyWh,
                    z.meteredOccupiedMs));
        }
        insert(c, "INSERT INTO analytics_zone_days VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    private static void insert(Connection c, String sql, List<List<Object>> rows) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (List<Object> values : rows) {
                for (int i = 0; i < values.size(); i++) {
                    s.setObject(i + 1, values.get(i));
                }
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private interface Row<K> {
        List<Object> of(K key, long[] value);
    }

    private static <K> void cells(Connection c, String sql, Map<K, long[]> cells, Row<K> row) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        cells.forEach((k, v) -> rows.add(row.of(k, v)));
        insert(c, sql, rows);
    }

    /** Adds ({@code sign} +1) or takes out (-1) the day's capped verified time per patron in its quarter. */
    private static void award(Connection c, String day, long capMs, int sign) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT patron_id, min(sum(verified_ms), ?) FROM analytics_visitor_days
                WHERE day = ? AND patron_id IS NOT NULL GROUP BY patron_id HAVING sum(verified_ms) > 0
                """)) {
            s.setLong(1, capMs);
            s.setString(2, day);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new Object[] {r.getString(1), r.getLong(2)});
                }
            }
        }
        String quarter = quarter(LocalDate.parse(day));
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO analytics_award_quarters (quarter, patron_id, verified_ms, days) VALUES (?, ?, ?, ?)
                ON CONFLICT (quarter, patron_id) DO UPDATE SET
                    verified_ms = verified_ms + excluded.verified_ms, days = days + excluded.days
                """)) {
            for (Object[] row : rows) {
                s.setString(1, quarter);
                s.setString(2, (String) row[0]);
                s.setLong(3, sign * (Long) row[1]);
                s.setInt(4, sign);
                s.addBatch();
            }
            s.executeBatch();
        }
        if (sign < 0) {
            try (PreparedStatement s =
                    c.prepareStatement("DELETE FROM analytics_award_quarters WHERE quarter = ? AND days <= 0")) {
                s.setString(1, quarter);
                s.executeUpdate();
            }
        }
    }

    /** Recomputes every quarter's award from the daily rows, after the daily cap changed. */
    static void rebuildAwards(Connection c, long capMs) throws SQLException {
        try (var s = c.createStatement()) {
            s.executeUpdate("DELETE FROM analytics_award_quarters");
        }
        List<String> days = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT day FROM analytics_visitor_days ORDER BY day");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                days.add(r.getString(1));
            }
        }
        for (String day : days) {
            award(c, day, capMs, +1);
        }
    }
}
