package dev.carrel.hub.analytics;

import dev.carrel.hub.privacy.PatronData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What analytics keeps about one patron: their daily rows (by credential, resolved to the patron when the day
 * was rolled up), their award standings and their loan counts. Erasure deletes them; the days' other totals
 * (entries per hour, dwell histogram, zone use) hold no patron and stay.
 */
final class AnalyticsPatronData implements PatronData {

    @Override
    public String name() {
        return "analytics";
    }

    @Override
    public Object export(Connection c, String patronId) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(
                "days",
                rows(
                        c,
                        "SELECT day, building_id, entries, visits_ms, unpaired, seat_ms, verified_ms, sessions,"
                                + " no_shows FROM analytics_visitor_days WHERE patron_id = ? ORDER BY day",
                        patronId));
        out.put(
                "awards",
                rows(
                        c,
                        "SELECT quarter, verified_ms, days FROM analytics_award_quarters WHERE patron_id = ?"
                                + " ORDER BY quarter",
                        patronId));
        out.put("loans", rows(c, "SELECT day, loans FROM analytics_loans WHERE patron_id = ? ORDER BY day", patronId));
        return out;
    }

    @Override
    public void erase(Connection c, String patronId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM analytics_first_visits WHERE visitor IN"
                + " (SELECT visitor FROM analytics_visitor_days WHERE patron_id = ?)")) {
            s.setString(1, patronId);
            s.executeUpdate();
        }
        for (String table : List.of("analytics_visitor_days", "analytics_award_quarters", "analytics_loans")) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE patron_id = ?")) {
                s.setString(1, patronId);
                s.executeUpdate();
            }
        }
    }

    private static List<Map<String, Object>> rows(Connection c, String sql, String patronId) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        Rows.each(c, sql, List.of(patronId), r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                row.put(r.getMetaData().getColumnLabel(i), r.getObject(i));
            }
            out.add(row);
        });
        return out;
    }
}
