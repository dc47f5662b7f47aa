package dev.carrel.hub.engagement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.spaces.Fields;
import dev.carrel.hub.store.Database;
import dev.carrel.hub.web.JsonResponses;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * Staff routes for volunteer shifts under {@code /api/engagement}: {@code POST /shifts}, {@code GET
 * /shifts?from=&to=}, {@code GET /shifts/{id}} with its sign-ups, {@code POST /shifts/{id}/cancel}, {@code
 * POST /shifts/{id}/check-ins} and {@code /check-outs} ({@code {"patron"}}), and {@code GET
 * /volunteer-hours?from=&to=[&format=csv]}: the credited time per patron for shifts starting in the period.
 */
final class ShiftsService implements HttpService {
    /** A shift with how many signed up, and (for one shift) the sign-ups. */
    record View(VolunteerShift shift, int signedUp, Optional<List<ShiftStore.Signup>> signups) {}

    private final Volunteering volunteering;
    private final ShiftStore store;
    private final Database database;
    private final ObjectMapper json;
    private final Clock clock;
    private final JsonResponses out;

    ShiftsService(Volunteering volunteering, ShiftStore store, EventsService.Parts parts, JsonResponses out) {
        this.volunteering = volunteering;
        this.store = store;
        this.database = parts.database();
        this.json = parts.json();
        this.clock = parts.clock();
        this.out = out;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/shifts", this::create)
                .get("/shifts", this::list)
                .get("/shifts/{id}", this::one)
                .post("/shifts/{id}/cancel", this::cancel)
                .post("/shifts/{id}/check-ins", (req, res) -> stamp(req, res, true))
                .post("/shifts/{id}/check-outs", (req, res) -> stamp(req, res, false))
                .get("/volunteer-hours", this::hours);
    }

    private void create(ServerRequest req, ServerResponse res) throws Exception {
        Requests.answer(res, out, () -> {
            VolunteerShift v = volunteering.create(Requests.body(req, json));
            Requests.send(res, Status.CREATED_201, new View(v, 0, Optional.empty()));
        });
    }

    private void list(ServerRequest req, ServerResponse res) throws Exception {
        Requests.answer(res, out, () -> {
            Instant from = Requests.instant(req, "from").orElse(clock.instant().minus(1, ChronoUnit.DAYS));
            Instant to = Requests.instant(req, "to").orElse(from.plus(366, ChronoUnit.DAYS));
            List<View> views = new ArrayList<>();
            for (VolunteerShift v : database.read(c -> store.between(c, from, to))) {
                views.add(new View(v, database.read(c -> store.signedUp(c, v.id())), Optional.empty()));
            }
            out.send(res, views);
        });
    }

    private void one(ServerRequest req, ServerResponse res) throws Exception {
        Requests.answer(res, out, () -> {
            VolunteerShift v = volunteering
                    .find(id(req))
                    .orElseThrow(() -> new NoSuchElementException("no shift '" + id(req) + "'"));
            List<ShiftStore.Signup> signups = database.read(c -> store.signups(c, v.id()));
            out.send(res, new View(v, signups.size(), Optional.of(signups)));
        });
    }

    private void cancel(ServerRequest req, ServerResponse res) throws Exception {
        Requests.answer(res, out, () -> out.send(res, new View(volunteering.cancel(id(req)), 0, Optional.empty())));
    }

    private void stamp(ServerRequest req, ServerResponse res, boolean in) throws Exception {
        Requests.answer(res, out, () -> {
            JsonNode body = Requests.body(req, json);
            Fields.only(body, "", Set.of("patron"));
            out.send(res, volunteering.stamp(id(req), Fields.text(body, "", "patron"), in));
        });
    }

    private void hours(ServerRequest req, ServerResponse res) throws Exception {
        Requests.answer(res, out, () -> {
            Instant to = Requests.instant(req, "to").orElse(clock.instant());
            Instant from = Requests.instant(req, "from").orElse(to.minus(365, ChronoUnit.DAYS));
            List<Volunteering.Hours> hours = volunteering.hours(from, to, Optional.empty());
            if (!Requests.text(req, "format").orElse("json").equals("csv")) {
                out.send(res, hours);
                return;
            }
            StringBuilder csv = new StringBuilder("patron,minutes,shifts\r\n");
            hours.forEach(h -> csv.append(Csv.field(h.patronId()))
                    .append(',')
                    .append(h.minutes())
                    .append(',')
                    .append(h.shifts())
                    .append("\r\n"));
            res.header(HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8").send(csv.toString());
        });
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }
}
