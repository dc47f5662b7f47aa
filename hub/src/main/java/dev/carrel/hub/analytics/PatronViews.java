package dev.carrel.hub.analytics;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Patrons: segments by group and college, and the quarterly awards by verified time and by loans. */
final class PatronViews {
    /** The columns other features fill; present (null) before they exist. */
    static final List<String> EXTENSION_COLUMNS = List.of("bookings", "satisfaction");

    enum By {
        GROUP,
        COLLEGE,
        GROUP_COLLEGE
    }

    private PatronViews() {}

    static Table segments(Connection c, Query q, By by, List<SegmentColumn> extra, ZoneId zone) throws SQLException {
        String key =
                switch (by) {
                    case GROUP -> "v.patron_group, ''";
                    case COLLEGE -> "'', v.college";
                    case GROUP_COLLEGE -> "v.patron_group, v.college";
                };
        Query.Where w = q.where("v.", true);
        List<Object> params = new ArrayList<>(List.of(q.from().toString(), q.to().toString()));
        params.addAll(w.params());
        Map<String, Object[]> rows = new LinkedHashMap<>();
        Rows.each(
                c,
                "SELECT " + key + ", count(DISTINCT CASE WHEN v.entries > 0 THEN v.visitor END),"
                        + " count(DISTINCT CASE WHEN f.first BETWEEN ? AND ? THEN v.visitor END), sum(v.entries),"
                        + " sum(v.visits_ms), sum(v.seat_ms), sum(v.verified_ms), sum(v.sessions), sum(v.no_shows)"
                        + " FROM analytics_visitor_days v LEFT JOIN " + VisitViews.FIRSTS
                        + " f ON f.visitor = v.visitor WHERE " + w.sql() + " GROUP BY 1, 2 ORDER BY 1, 2",
                params,
                r -> {
                    long visitors = r.getLong(3);
                    long fresh = r.getLong(4);
                    long entries = r.getLong(5);
                    long sessions = r.getLong(9);
                    long noShows = r.getLong(10);
                    rows.put(r.getString(1) + "\n" + r.getString(2), new Object[] {
                        r.getString(1),
                        r.getString(2),
                        visitors,
                        fresh,
                        visitors - fresh,
                        entries,
                        entries == 0 ? null : Rows.minutes(r.getLong(6) / entries),
                        Rows.hours(r.getLong(7)),
                        Rows.hours(r.getLong(8)),
                        sessions,
                        noShows,
                        Rows.ratio(noShows, sessions)
                    });
                });
        List<String> columns = new ArrayList<>(List.of(
                "group",
                "college",
                "visitors",
                "newVisitors",
                "returningVisitors",
                "entries",
                "averageDwellMinutes",
                "seatHours",
                "verifiedHours",
                "seatSessions",
                "noShows",
                "noShowRate"));
        List<String> names = new ArrayList<>(EXTENSION_COLUMNS);
        extra.stream().map(SegmentColumn::name).filter(n -> !names.contains(n)).forEach(names::add);
        columns.addAll(names);
        Table t = q.describe(new Table(columns))
                .about("by", by.name().toLowerCase(java.util.Locale.ROOT).replace('_', ','));
        Map<String, Map<String, Object>> extras = extensions(c, q, by, extra, zone);
        Set<String> totals =
                extra.stream().filter(x -> !x.mean()).map(SegmentColumn::name).collect(Collectors.toSet());
        for (Map.Entry<String, Object[]> e : rows.entrySet()) {
            List<Object> values = new ArrayList<>(java.util.Arrays.asList(e.getValue()));
            for (String n : names) {
                values.add(extension(extras, totals, n, e.getKey()));
            }
            t.row(values.toArray());
        }
        return t;
    }

    /**
     * A registered column's value for a segment: a total is 0 where the segment had none (the range holds no
     * data for it, which is an answer); a mean without samples, and a column nobody registered, are null.
     */
    private static Object extension(
            Map<String, Map<String, Object>> extras, Set<String> totals, String name, String key) {
        Object v = extras.getOrDefault(name, Map.of()).get(key);
        return v == null && totals.contains(name) ? (Object) 0L : v;
    }

    /** Each registered column's values by segment key, added up as the segments are grouped. */
    private static Map<String, Map<String, Object>> extensions(
            Connection c, Query q, By by, List<SegmentColumn> extra, ZoneId zone) throws SQLException {
        Map<String, Map<String, Object>> out = new HashMap<>();
        Instant from = q.from().atStartOfDay(zone).toInstant();
        Instant to = q.to().plusDays(1).atStartOfDay(zone).toInstant();
        for (SegmentColumn column : extra) {
            Map<String, double[]> sums = new HashMap<>();
            column.bySegment(c, from, to).forEach((segment, sample) -> {
                String key =
                        (by == By.COLLEGE ? "" : segment.group()) + "\n" + (by == By.GROUP ? "" : segment.college());
                double[] s = sums.computeIfAbsent(key, k -> new double[2]);
                s[0] += sample.sum();
                s[1] += sample.count();
            });
            Map<String, Object> values = new HashMap<>();
            sums.forEach((k, s) -> values.put(k, column.mean() ? Rows.ratio(s[0], s[1]) : total(s[0])));
            out.put(column.name(), values);
        }
        return out;
    }

    /** A whole total (a count) as a whole number, so a CSV says 3, not 3.0. */
    private static Object total(double sum) {
        return sum == Math.rint(sum) ? (Object) (long) sum : sum;
    }

    /** Parses {@code 2026-Q4}; empty when malformed. */
    static Optional<LocalDate[]> quarter(String text) {
        var m = java.util.regex.Pattern.compile("(\\d{4})-Q([1-4])").matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        LocalDate start = LocalDate.of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 3 + 1, 1);
        return Optional.of(new LocalDate[] {start, start.plusMonths(3).minusDays(1)});
    }

    /**
     * Top patrons of a quarter by verified time: the sum over days of min(verified seat time, daily cap). Ties:
     * more days with verified time first, then the smaller patron id, so the order never changes between runs.
     */
    static Table awardsByTime(Connection c, String quarter, int limit, Query q) throws SQLException {
        return ranked(
                        c,
                        List.of(
                                "rank",
                                "patronId",
                                "name",
                                "group",
                                "college",
                                "verifiedHours",
                                "verifiedMinutes",
                                "days"),
                        "SELECT a.patron_id, p.display_name, p.patron_group, p.college,"
                                + " round(a.verified_ms / 3600000.0, 2), a.verified_ms / 60000, a.days"
                                + " FROM analytics_award_quarters a LEFT JOIN patrons p ON p.id = a.patron_id"
                                + " WHERE a.quarter = ?%s ORDER BY a.verified_ms DESC, a.days DESC, a.patron_id LIMIT ?",
                        List.of(quarter),
                        limit,
                        q)
                .about("quarter", quarter)
                .about("rule", "verified seat time, at most the daily cap per day; ties: more days, then patron id");
    }

    /** Top patrons of a quarter by loans fed from the library system. Ties: more days with loans, then patron id. */
    static Table awardsByLoans(Connection c, String quarter, LocalDate[] days, int limit, Query q) throws SQLException {
        return ranked(
                        c,
                        List.of("rank", "patronId", "name", "group", "college", "loans", "days"),
                        "SELECT a.patron_id, p.display_name, p.patron_group, p.college, sum(a.loans), count(*)"
                                + " FROM analytics_loans a LEFT JOIN patrons p ON p.id = a.patron_id"
                                + " WHERE a.day BETWEEN ? AND ? AND a.loans > 0%s"
                                + " GROUP BY a.patron_id ORDER BY 5 DESC, 6 DESC, a.patron_id LIMIT ?",
                        List.of(days[0].toString(), days[1].toString()),
                        limit,
                        q)
                .about("quarter", quarter)
                .about("rule", "loans in the quarter; ties: more days with loans, then patron id");
    }

    /** A leaderboard: {@code sql} has a {@code %s} for the segment filter and answers the columns after rank. */
    private static Table ranked(Connection c, List<String> columns, String sql, List<Object> first, int limit, Query q)
            throws SQLException {
        List<Object> params = new ArrayList<>(first);
        String filter = segmentFilter(q, params);
        params.add(limit);
        Table t = new Table(columns);
        int[] rank = {0};
        Rows.each(c, String.format(sql, filter), params, r -> {
            Object[] row = new Object[columns.size()];
            row[0] = ++rank[0];
            for (int i = 1; i < row.length; i++) {
                row[i] = r.getObject(i);
            }
            t.row(row);
        });
        return t;
    }

    private static String segmentFilter(Query q, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        q.group().ifPresent(g -> {
            sql.append(" AND p.patron_group = ?");
            params.add(g);
        });
        q.college().ifPresent(col -> {
            sql.append(" AND p.college = ?");
            params.add(col);
        });
        return sql.toString();
    }
}
