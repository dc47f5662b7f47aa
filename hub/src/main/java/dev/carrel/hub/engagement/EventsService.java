package dev.carrel.hub.engagement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.spaces.Fields;
import dev.carrel.hub.spaces.SpaceModel;
import dev.carrel.hub.store.Database;
import dev.carrel.hub.web.JsonResponses;
import dev.carrel.protocol.InvalidFieldException;
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
import java.util.Set;
import java.util.function.Supplier;

/**
 * Staff routes for events under {@code /api/engagement/events}: create ({@code POST /}), list ({@code GET
 * /?from=&to=}), read, edit ({@code PUT /{id}}), cancel ({@code POST /{id}/cancel}), the registrations with
 * attendance ({@code GET /{id}/registrations}) and a check-in by hand ({@code POST /{id}/check-ins
 * {"patron"}}).
 */
final class EventsService implements HttpService {
    /** An event as the API shows it, with how full it is. */
    record View(LibraryEvent event, EventStore.Counts counts) {}

    private final EventBook book;
    private final EventStore store;
    private final Database database;
    private final Supplier<SpaceModel> model;
    private final ObjectMapper json;
    private final Clock clock;
    private final JsonResponses out;

    /** What the routes read besides the book. */
    record Parts(EventStore store, Database database, Supplier<SpaceModel> model, ObjectMapper json, Clock clock) {}

    EventsService(EventBook book, Parts parts, JsonResponses out) {
        this.book = book;
        this.store = parts.store();
        this.database = parts.database();
        this.model = parts.model();
        this.json = parts.json();
        this.clock = parts.clock();
        this.out = out;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::create)
                .get("/", this::list)
                .get("/{id}", this::one)
                .put("/{id}", this::edit)
                .post("/{id}/cancel", this::cancel)
                .get("/{id}/registrations", this::registrations)
                .post("/{id}/check-ins", this::checkIn);
    }

    private void create(ServerRequest req, ServerResponse res) throws Exception {
        Requests.answer(res, out, () -> {
            JsonNode body = Requests.body(req, json);
            checkZone(body);
            LibraryEvent e = book.create(body);
            Requests.send(res, Status.CREATED_201, view(e));
        });
    }

    private void list(ServerRequest req, ServerResponse res) throws Exception {
        Requests.answer(res, out, () -> {
            Instant from = Requests.instant(req, "from").orElse(clock.instant().minus(1, ChronoUnit.DAYS));
            Instant to = Requests.instant(req, "to").orElse(from.plus(366, ChronoUnit.DAYS));
            List<View> views = new ArrayList<>();
            for (LibraryEvent e : database.read(c -> store.between(c, from, to))) {
                views.add(view(e));
            }
            out.send(res, views);
        });
    }

    private void one(ServerRequest req, ServerResponse res) throws Exception {
        Requests.answer(res, out, () -> out.send(res, view(event(req))));
    }

    private void edit(ServerRequest req, ServerResponse res) throws Exception {
        Requests.answer(res, out, () -> {
            JsonNode body = Requests.body(req, json);
            checkZone(body);
            out.send(res, view(book.edit(id(req), body)));
        });
    }

    private void cancel(ServerRequest req, ServerResponse res) throws Exception {
        Requests.answer(res, out, () -> out.send(res, view(book.cancel(id(req)))));
    }

    private void registrations(ServerRequest req, ServerResponse res) throws Exception {
        Requests.answer(res, out, () -> {
            LibraryEvent e = event(req);
            out.send(res, database.read(c -> store.registrations(c, e.id())));
        });
    }

    private void checkIn(ServerRequest req, ServerResponse res) throws Exception {
        Requests.answer(res, out, () -> {
            JsonNode body = Requests.body(req, json);
            Fields.only(body, "", Set.of("patron"));
            String patron = Fields.text(body, "", "patron");
            book.checkInByStaff(id(req), patron);
            out.send(
                    res,
                    database.read(c -> store.registration(c, id(req), patron)).orElseThrow());
        });
    }

    private LibraryEvent event(ServerRequest req) throws java.sql.SQLException {
        return book.find(id(req)).orElseThrow(() -> new NoSuchElementException("no event '" + id(req) + "'"));
    }

    private View view(LibraryEvent e) throws java.sql.SQLException {
        return new View(e, database.read(c -> store.counts(c, e.id())));
    }

    private void checkZone(JsonNode body) {
        JsonNode zone = body.get("zone");
        if (zone != null
                && zone.isTextual()
                && !zone.asText().isEmpty()
                && model.get().zone(zone.asText()).isEmpty()) {
            throw new InvalidFieldException("zone", "names no zone of the space model: '" + zone.asText() + "'");
        }
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }
}
