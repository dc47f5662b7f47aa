package dev.carrel.hub.engagement;

import dev.carrel.hub.store.Database;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Monthly satisfaction by zone or by patron group. Every month of the range appears for every key, with
 * count 0 and no average when nobody rated (a chart must show the gap, not close it). Months are calendar
 * months in the site's time zone. The keys are the ones that always exist (the model's zones, every patron
 * group) plus any that rated in the range, each in every month.
 */
final class Satisfaction {
    static final int MAX_MONTHS = 120;

    /** One key's month. {@code scores} counts 1..5; the average is absent for an empty month. */
    record Month(String month, String key, long count, Optional<Double> average, List<Long> scores) {}

    /** The report: what it is by, the months' time zone, and the rows by month, then key. */
    record Report(String by, String timezone, String from, String to, List<Month> months) {}

    private final Database database;
    private final FeedbackLog log;

    Satisfaction(Database database, FeedbackLog log) {
        this.database = database;
        this.log = log;
    }

    Report monthly(FeedbackLog.By by, YearMonth from, YearMonth to, ZoneId zone, List<String> alwaysKeys)
            throws SQLException {
        Map<YearMonth, Map<String, long[]>> counts = new LinkedHashMap<>();
        Set<String> rated = new TreeSet<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            Instant start = m.atDay(1).atStartOfDay(zone).toInstant();
            Instant end = m.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
            Map<String, long[]> month = database.read(c -> log.counts(c, by, start, end));
            counts.put(m, month);
            rated.addAll(month.keySet());
        }
        // A key that rated in any month of the range appears in every month, so each key's row has no holes.
        Set<String> keys = new LinkedHashSet<>(alwaysKeys);
        keys.addAll(rated);
        List<Month> rows = new ArrayList<>();
        counts.forEach((m, month) ->
                keys.forEach(key -> rows.add(month(m.toString(), key, month.getOrDefault(key, new long[5])))));
        return new Report(by.wire(), zone.getId(), from.toString(), to.toString(), rows);
    }

    private static Month month(String month, String key, long[] scores) {
        long count = 0;
        long sum = 0;
        List<Long> list = new ArrayList<>(5);
        for (int i = 0; i < 5; i++) {
            count += scores[i];
            sum += scores[i] * (i + 1);
            list.add(scores[i]);
        }
        Optional<Double> average = count == 0 ? Optional.empty() : Optional.of(Math.round(sum * 100.0 / count) / 100.0);
        return new Month(month, key, count, average, list);
    }

    /** The report as CSV (RFC 4180): {@code month,<by>,count,average,score_1..score_5}; empty average when 0. */
    static String csv(Report report) {
        StringBuilder out = new StringBuilder(
                "month," + report.by() + ",count,average,score_1,score_2,score_3," + "score_4,score_5\r\n");
        for (Month m : report.months()) {
            out.append(m.month())
                    .append(',')
                    .append(Csv.field(m.key()))
                    .append(',')
                    .append(m.count())
                    .append(',')
                    .append(m.average().map(String::valueOf).orElse(""));
            m.scores().forEach(s -> out.append(',').append(s));
            out.append("\r\n");
        }
        return out.toString();
    }
}
