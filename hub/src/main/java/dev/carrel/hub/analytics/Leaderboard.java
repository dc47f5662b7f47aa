package dev.carrel.hub.analytics;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The quarterly award by verified time, answered two ways: from the award table the rollups keep (what the API
 * serves) and from the raw events, day by day, through the same seat computation (what it would cost without
 * rollups: the benchmark's baseline, and a check that both agree).
 */
final class Leaderboard {
    static final Comparator<AwardStanding> ORDER = Comparator.comparingLong(AwardStanding::verifiedMs)
            .reversed()
            .thenComparing(Comparator.comparingLong(AwardStanding::days).reversed())
            .thenComparing(AwardStanding::patronId);

    private Leaderboard() {}

    static List<AwardStanding> fromRollups(Connection c, String quarter, int limit) throws SQLException {
        List<AwardStanding> out = new ArrayList<>();
        Rows.each(
                c,
                "SELECT patron_id, verified_ms, days FROM analytics_award_quarters WHERE quarter = ?"
                        + " ORDER BY verified_ms DESC, days DESC, patron_id LIMIT ?",
                List.of(quarter, limit),
                r -> out.add(new AwardStanding(r.getString(1), r.getLong(2), r.getLong(3))));
        return out;
    }

    static List<AwardStanding> fromRaw(
            Connection c, Visitors visitors, Places places, LocalDate[] quarter, Instant now, long capMs, int limit)
            throws SQLException {
        Map<String, long[]> totals = new HashMap<>();
        for (LocalDate d = quarter[0]; !d.isAfter(quarter[1]); d = d.plusDays(1)) {
            DayTotals day = new DayTotals();
            SeatDay.collect(c, Day.of(d, places.timezone(), now), places, visitors, day);
            Map<String, Long> perPatron = new HashMap<>();
            for (DayTotals.VisitorDay v : day.visitors.values()) {
                if (v.who.patronId().isPresent() && v.verifiedMs > 0) {
                    perPatron.merge(v.who.patronId().get(), v.verifiedMs, Long::sum);
                }
            }
            perPatron.forEach((patron, ms) -> {
                long[] t = totals.computeIfAbsent(patron, k -> new long[2]);
                t[0] += Math.min(ms, capMs);
                t[1]++;
            });
        }
        return totals.entrySet().stream()
                .map(e -> new AwardStanding(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .sorted(ORDER)
                .limit(limit)
                .toList();
    }
}
