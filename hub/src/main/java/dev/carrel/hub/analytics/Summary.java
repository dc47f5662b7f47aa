package dev.carrel.hub.analytics;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The headline figures of a range in one row: what a dashboard shows at the top. */
final class Summary {
    private Summary() {}

    static Table of(Connection c, Query q, Places places) throws SQLException {
        long[] entries = {0};
        Query.Where w = q.where("", true);
        Rows.each(
                c,
                "SELECT sum(entries) FROM analytics_entry_hours WHERE " + w.sql(),
                w.params(),
                r -> entries[0] = r.getLong(1));
        long[] v = new long[7];
        Query.Where vw = q.where("v.", true);
        List<Object> params = new ArrayList<>(List.of(q.from().toString(), q.to().toString()));
        params.addAll(vw.params());
        Rows.each(
                c,
                "SELECT count(DISTINCT CASE WHEN v.entries > 0 THEN v.visitor END),"
                        + " count(DISTINCT CASE WHEN f.first BETWEEN ? AND ? THEN v.visitor END), sum(v.entries),"
                        + " sum(v.visits_ms), sum(v.unpaired), sum(v.verified_ms), sum(v.sessions)"
                        + " FROM analytics_visitor_days v LEFT JOIN " + VisitViews.FIRSTS
                        + " f ON f.visitor = v.visitor WHERE " + vw.sql(),
                params,
                r -> {
                    for (int i = 0; i < v.length; i++) {
                        v[i] = r.getLong(i + 1);
                    }
                });
        double[] z = new double[5];
        List<String> zones =
                SpaceViews.zones(places, q, java.util.Optional.empty(), java.util.Optional.empty()).stream()
                        .map(x -> x.id())
                        .toList();
        Rows.each(
                c,
                "SELECT zone_id, sum(sessions), sum(no_shows), sum(leaves), sum(leave_ms), sum(energy_wh)"
                        + " FROM analytics_zone_days WHERE day BETWEEN ? AND ? GROUP BY zone_id",
                List.of(q.from().toString(), q.to().toString()),
                r -> {
                    if (zones.contains(r.getString(1))) {
                        for (int i = 0; i < z.length; i++) {
                            z[i] += r.getDouble(i + 2);
                        }
                    }
                });
        Table peaks = VisitViews.peakHours(c, q);
        Object peak = peaks.rows().stream()
                .filter(row -> row.get("rank").equals(1) && ((Long) row.get("entries")) > 0)
                .map(row -> row.get("hour"))
                .findFirst()
                .orElse(null);
        Table t = q.describe(new Table(List.of(
                "entries",
                "visitors",
                "newVisitors",
                "returningVisitors",
                "averageDwellMinutes",
                "unpairedEntries",
                "peakHour",
                "verifiedHours",
                "seatSessions",
                "noShows",
                "noShowRate",
                "averageLeaveMinutes",
                "energyWh")));
        return t.row(
                entries[0],
                v[0],
                v[1],
                v[0] - v[1],
                v[2] == 0 ? null : Rows.minutes(v[3] / v[2]),
                v[4],
                peak,
                Rows.hours(v[5]),
                (long) z[0],
                (long) z[1],
                Rows.ratio(z[1], z[0]),
                z[2] == 0 ? null : Rows.minutes((long) (z[3] / z[2])),
                Math.round(z[4] * 100.0) / 100.0);
    }
}
