package dev.carrel.hub.analytics;

import dev.carrel.hub.patrons.PatronGroup;
import dev.carrel.hub.web.JsonResponses;
import dev.carrel.protocol.InvalidFieldException;
import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/analytics/**}: every view answers JSON, or CSV with {@code ?format=csv} or a {@code .csv} suffix
 * (docs/analytics.md). A bad parameter is a 400 naming it.
 */
final class AnalyticsService implements HttpService {
    private static final int MAX_DAYS = 366;
    private static final int MAX_HOURLY_DAYS = 92;

    private final Analytics analytics;
    private final JsonResponses json;

    AnalyticsService(Analytics analytics, JsonResponses json) {
        this.analytics = analytics;
        this.json = json;
    }

    /** A view: a table from the checked query and the request's other parameters. */
    private interface View {
        Table answer(Query q, Parameters p) throws SQLException;
    }

    @Override
    public void routing(HttpRules rules) {
        view(rules, "summary", (q, p) -> read(c -> Summary.of(c, q, analytics.places())));
        view(
                rules,
                "visits",
                (q, p) -> read(c -> VisitViews.visits(c, q, choice(p, "interval", VisitViews.Interval.DAY))));
        view(rules, "peak-hours", (q, p) -> read(c -> VisitViews.peakHours(c, q)));
        view(rules, "dwell", (q, p) -> read(c -> VisitViews.dwell(c, q)));
        view(rules, "seats", (q, p) -> {
            boolean byDate = choice(p, "by", HeatMapBy.HOUR) == HeatMapBy.DATE_HOUR;
            if (byDate && q.days() > MAX_HOURLY_DAYS) {
                throw new InvalidFieldException("to", "by=date-hour covers at most " + MAX_HOURLY_DAYS + " days");
            }
            return read(c -> SpaceViews.heatMap(c, q, analytics.places(), text(p, "zone"), byDate));
        });
        view(
                rules,
                "zones",
                (q, p) -> read(c -> SpaceViews.zoneSummary(
                        c, q, analytics.places(), analytics.base().hours(), kind(p))));
        view(rules, "energy", (q, p) -> read(c -> SpaceViews.energy(c, q, analytics.places())));
        // Today so far, for the lighting page (facilities may read it: RoutePolicy); the range is ignored.
        view(
                rules,
                "energy/today",
                (q, p) -> read(c -> SpaceViews.energyToday(
                        c, analytics.places(), analytics.base().clock().instant())));
        view(
                rules,
                "segments",
                (q, p) -> read(c -> PatronViews.segments(
                        c,
                        q,
                        segmentBy(p),
                        analytics.columns(),
                        analytics.places().timezone())));
        view(rules, "awards/time", (q, p) -> {
            String quarter = quarter(p);
            return read(c -> PatronViews.awardsByTime(c, quarter, limit(p), q));
        });
        view(rules, "awards/loans", (q, p) -> {
            String quarter = quarter(p);
            LocalDate[] days = PatronViews.quarter(quarter).orElseThrow();
            return read(c -> PatronViews.awardsByLoans(c, quarter, days, limit(p), q));
        });
        rules.put("/loans", this::loans);
        rules.post("/refresh", this::refresh);
    }

    private enum HeatMapBy {
        HOUR,
        DATE_HOUR
    }

    private void view(HttpRules rules, String name, View view) {
        rules.get("/" + name, (req, res) -> answer(req, res, name, view, false));
        rules.get("/" + name + ".csv", (req, res) -> answer(req, res, name, view, true));
    }

    private void answer(ServerRequest req, ServerResponse res, String name, View view, boolean csvPath)
            throws SQLException {
        Parameters p = req.query();
        Table table;
        boolean csv;
        try {
            String format = text(p, "format").orElse(csvPath ? "csv" : "json").toLowerCase(Locale.ROOT);
            if (!format.equals("json") && !format.equals("csv")) {
                throw new InvalidFieldException("format", "must be json or csv, not '" + format + "'");
            }
            csv = format.equals("csv");
            table = view.answer(query(p), p);
        } catch (InvalidFieldException e) {
            json.error(res, Status.BAD_REQUEST_400, "query parameter '" + e.field() + "' " + e.reason());
            return;
        }
        if (!csv) {
            json.send(res, table.json());
            return;
        }
        String file = "carrel-" + name.replace('/', '-') + ".csv";
        res.header(HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8")
                .header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                .send(table.csv().getBytes(StandardCharsets.UTF_8));
    }

    private interface Read {
        Table apply(java.sql.Connection c) throws SQLException;
    }

    private Table read(Read read) throws SQLException {
        return analytics.base().database().read(read::apply);
    }

    /** The range (default: the 30 days up to today) and the segment filters. */
    private Query query(Parameters p) {
        LocalDate to = date(p, "to").orElse(today());
        LocalDate from = date(p, "from").orElse(to.minusDays(29));
        if (from.isAfter(to)) {
            throw new InvalidFieldException("from", "must not be after 'to' (" + from + " > " + to + ")");
        }
        if (to.toEpochDay() - from.toEpochDay() + 1 > MAX_DAYS) {
            throw new InvalidFieldException("to", "the range covers at most " + MAX_DAYS + " days");
        }
        Optional<String> group = text(p, "group").map(g -> g.toLowerCase(Locale.ROOT));
        if (group.isPresent()
                && !group.get().equals(Visitors.UNKNOWN_GROUP)
                && PatronGroup.parse(group.get()).isEmpty()) {
            throw new InvalidFieldException(
                    "group", "must be undergraduate, postgraduate, faculty, staff, visitor or unknown");
        }
        Query q = new Query(from, to, text(p, "building"), group, text(p, "college"));
        if (choice(p, "interval", VisitViews.Interval.DAY) == VisitViews.Interval.HOUR && q.days() > MAX_HOURLY_DAYS) {
            throw new InvalidFieldException("to", "interval=hour covers at most " + MAX_HOURLY_DAYS + " days");
        }
        return q;
    }

    private LocalDate today() {
        return analytics
                .base()
                .clock()
                .instant()
                .atZone(analytics.places().timezone())
                .toLocalDate();
    }

    private static Optional<String> text(Parameters p, String name) {
        Optional<String> v = p.first(name).asOptional().map(String::strip).filter(s -> !s.isEmpty());
        if (v.isPresent() && v.get().length() > 128) {
            throw new InvalidFieldException(name, "is longer than 128 characters");
        }
        return v;
    }

    private static Optional<LocalDate> date(Parameters p, String name) {
        Optional<String> v = text(p, name);
        try {
            return v.map(LocalDate::parse);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(name, "must be a date such as 2026-11-20, not '" + v.get() + "'");
        }
    }

    private static <E extends Enum<E>> E choice(Parameters p, String name, E fallback) {
        Optional<String> v = text(p, name);
        if (v.isEmpty()) {
            return fallback;
        }
        for (E e : fallback.getDeclaringClass().getEnumConstants()) {
            if (e.name().replace('_', '-').equalsIgnoreCase(v.get())) {
                return e;
            }
        }
        throw new InvalidFieldException(
                name,
                "must be one of "
                        + List.of(fallback.getDeclaringClass().getEnumConstants()).stream()
                                .map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                                .toList()
                        + ", not '" + v.get() + "'");
    }

    private static Optional<String> kind(Parameters p) {
        Optional<String> kind = text(p, "kind").map(k -> k.toLowerCase(Locale.ROOT));
        if (kind.isPresent() && !kind.get().equals("area") && !kind.get().equals("room")) {
            throw new InvalidFieldException("kind", "must be area or room, not '" + kind.get() + "'");
        }
        return kind;
    }

    private static PatronViews.By segmentBy(Parameters p) {
        String by = text(p, "by").orElse("group").toLowerCase(Locale.ROOT).replace(" ", "");
        return switch (by) {
            case "group" -> PatronViews.By.GROUP;
            case "college" -> PatronViews.By.COLLEGE;
            case "group,college", "college,group" -> PatronViews.By.GROUP_COLLEGE;
            default ->
                throw new InvalidFieldException("by", "must be group, college or group,college, not '" + by + "'");
        };
    }

    private String quarter(Parameters p) {
        String q = text(p, "quarter").orElse(RollupTables.quarter(today())).toUpperCase(Locale.ROOT);
        if (PatronViews.quarter(q).isEmpty()) {
            throw new InvalidFieldException("quarter", "must look like 2026-Q4, not '" + q + "'");
        }
        return q;
    }

    private static int limit(Parameters p) {
        Optional<String> v = text(p, "limit");
        try {
            int n = v.map(Integer::parseInt).orElse(10);
            if (n >= 1 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidFieldException("limit", "must be a whole number from 1 to 1000, not '" + v.orElse("") + "'");
    }

    /** {@code PUT /api/analytics/loans}: a CSV {@code patron_id,date,loans}; all rows or none. */
    private void loans(ServerRequest req, ServerResponse res) throws SQLException {
        byte[] body = req.content().hasEntity() ? req.content().as(byte[].class) : new byte[0];
        try {
            json.send(res, Map.of("rows", analytics.loans(new String(body, StandardCharsets.UTF_8))));
        } catch (InvalidFieldException e) {
            json.error(res, Status.BAD_REQUEST_400, e.getMessage());
        }
    }

    /** {@code POST /api/analytics/refresh}: rolls up what arrived since the last run, now. */
    private void refresh(ServerRequest req, ServerResponse res) throws SQLException {
        List<LocalDate> days = analytics.refresh();
        json.send(res, Map.of("days", days.stream().map(LocalDate::toString).toList()));
    }
}
