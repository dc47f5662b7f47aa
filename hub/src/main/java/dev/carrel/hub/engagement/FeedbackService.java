package dev.carrel.hub.engagement;

import dev.carrel.hub.patrons.PatronGroup;
import dev.carrel.hub.spaces.SpaceModel;
import dev.carrel.hub.store.Database;
import dev.carrel.hub.web.JsonResponses;
import dev.carrel.protocol.InvalidFieldException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Staff routes for kiosk feedback, under {@code /api/engagement}: {@code GET /feedback?from=&to=&limit=} (the
 * newest scores with their comments, group and college, never a patron), {@code GET
 * /satisfaction?by=zone|group&from=YYYY-MM&to=YYYY-MM} and the same as CSV with {@code format=csv}.
 */
final class FeedbackService implements HttpService {
    private final Database database;
    private final FeedbackLog log;
    private final Satisfaction satisfaction;
    private final Supplier<SpaceModel> model;
    private final Clock clock;
    private final JsonResponses out;

    FeedbackService(Database database, FeedbackLog log, Supplier<SpaceModel> model, Clock clock, JsonResponses out) {
        this.database = database;
        this.log = log;
        this.satisfaction = new Satisfaction(database, log);
        this.model = model;
        this.clock = clock;
        this.out = out;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/feedback", this::list).get("/satisfaction", this::satisfaction);
    }

    private void list(ServerRequest req, ServerResponse res) throws Exception {
        Requests.answer(res, out, () -> {
            Instant to = Requests.instant(req, "to").orElse(clock.instant().plusSeconds(1));
            Instant from = Requests.instant(req, "from").orElse(to.minus(31, ChronoUnit.DAYS));
            int limit = Requests.limit(req, 100, 1000);
            out.send(res, database.read(c -> log.list(c, from, to, limit)));
        });
    }

    private void satisfaction(ServerRequest req, ServerResponse res) throws Exception {
        Requests.answer(res, out, () -> {
            FeedbackLog.By by = by(req);
            ZoneId zone = timezone(model.get());
            YearMonth to = Requests.month(req, "to").orElse(YearMonth.now(clock.withZone(zone)));
            YearMonth from = Requests.month(req, "from").orElse(to.minusMonths(11));
            if (from.isAfter(to)) {
                throw new InvalidFieldException("from", "must not be after 'to'");
            }
            if (from.plusMonths(Satisfaction.MAX_MONTHS).isBefore(to.plusMonths(1))) {
                throw new InvalidFieldException(
                        "from", "must be at most " + Satisfaction.MAX_MONTHS + " months before 'to'");
            }
            boolean csv = csv(req);
            Satisfaction.Report report = satisfaction.monthly(by, from, to, zone, keys(by, model.get()));
            if (csv) {
                res.header(HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8")
                        .header(
                                HeaderNames.CONTENT_DISPOSITION,
                                "attachment; filename=\"satisfaction-by-" + by.wire() + "-" + from + "-" + to
                                        + ".csv\"")
                        .send(Satisfaction.csv(report));
            } else {
                out.send(res, report);
            }
        });
    }

    private static FeedbackLog.By by(ServerRequest req) {
        String by = Requests.text(req, "by").orElse("zone");
        return Arrays.stream(FeedbackLog.By.values())
                .filter(b -> b.wire().equals(by))
                .findFirst()
                .orElseThrow(() -> new InvalidFieldException("by", "must be zone or group, not '" + by + "'"));
    }

    private static boolean csv(ServerRequest req) {
        String format = Requests.text(req, "format").orElse("json");
        if (!format.equals("json") && !format.equals("csv")) {
            throw new InvalidFieldException("format", "must be json or csv, not '" + format + "'");
        }
        return format.equals("csv");
    }

    /** The keys every month shows even when nobody rated there. */
    private static List<String> keys(FeedbackLog.By by, SpaceModel model) {
        List<String> keys = new ArrayList<>();
        if (by == FeedbackLog.By.ZONE) {
            model.zones().forEach(z -> keys.add(z.id()));
        } else {
            Arrays.stream(PatronGroup.values()).forEach(g -> keys.add(g.wire()));
            keys.add(FeedbackLog.UNKNOWN_GROUP);
        }
        return keys;
    }

    /** The first site's time zone; UTC without a site. */
    static ZoneId timezone(SpaceModel model) {
        return model.sites().stream().findFirst().map(SpaceModel.Site::timezone).orElse(ZoneOffset.UTC);
    }
}
