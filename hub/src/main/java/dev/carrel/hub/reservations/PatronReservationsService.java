package dev.carrel.hub.reservations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.passes.PassService;
import dev.carrel.hub.passes.PassSignIn;
import dev.carrel.hub.patrons.Patron;
import dev.carrel.hub.spaces.Api;
import dev.carrel.hub.spaces.Fields;
import dev.carrel.hub.web.JsonResponses;
import dev.carrel.protocol.InvalidFieldException;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /pass/api/reservations}: the patron's side, signed in with the pass page's session (cookie
 * {@code carrel_pass}). POSTs must be {@code application/json}, like the pass API's: with the Strict cookie,
 * that keeps other sites' forms out. Only an admitted patron (active, valid) may book or join.
 */
final class PatronReservationsService implements HttpService {

    /** Who is signed in, and whether they may use the library now. */
    record Patrons(dev.carrel.hub.patrons.Patrons registry, PassSignIn signIn, Clock clock) {}

    /** What the patron routes serve. */
    record Features(
            Reservations reservations,
            Appeals appeals,
            LongTermSeats longTerm,
            BookingChoices choices,
            LongTermChoices longTermChoices,
            PeerReports reports) {}

    private final Reservations reservations;
    private final Appeals appeals;
    private final LongTermSeats longTerm;
    private final BookingChoices choices;
    private final LongTermChoices longTermChoices;
    private final PeerReports reports;
    private final Patrons patrons;
    private final ObjectMapper json;
    private final Answers answers;

    PatronReservationsService(Features features, Patrons patrons, ObjectMapper json, JsonResponses out) {
        this.reservations = features.reservations();
        this.appeals = features.appeals();
        this.longTerm = features.longTerm();
        this.choices = features.choices();
        this.longTermChoices = features.longTermChoices();
        this.reports = features.reports();
        this.patrons = patrons;
        this.json = json;
        this.answers = new Answers(json, out);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::mine)
                .post("/", this::book)
                .post("/join", this::join)
                .post("/report", this::report)
                .get("/places", this::places)
                .get("/free", this::free)
                .get("/violations", this::violations)
                .post("/violations/{id}/appeal", this::appeal)
                .post("/{id}/cancel", this::cancel)
                .post("/{id}/check-in", this::checkIn)
                .post("/{id}/extend", this::extend)
                .get("/long-term", this::longTermSeats)
                .post("/long-term", this::holdLongTerm)
                .get("/long-term/places", this::longTermPlaces)
                .post("/long-term/{id}/cancel", this::cancelLongTerm);
    }

    private interface Handler {
        void handle(String patronId) throws SQLException;
    }

    /** Runs the handler for the signed-in patron: 401 without a session, 415 for a POST that is not JSON. */
    private void as(ServerRequest req, ServerResponse res, boolean mustBeAdmitted, Handler handler)
            throws SQLException {
        Optional<PassSignIn.Session> session = PassService.token(req).flatMap(patrons.signIn()::session);
        if (session.isEmpty()) {
            answers.error(res, Status.UNAUTHORIZED_401, "sign in first");
            return;
        }
        if (req.prologue().method().text().equals("POST") && !isJson(req)) {
            answers.error(res, Status.UNSUPPORTED_MEDIA_TYPE_415, "send application/json");
            return;
        }
        String patronId = session.get().patronId();
        if (mustBeAdmitted) {
            Optional<Patron> patron = patrons.registry().find(patronId);
            if (patron.isEmpty() || !patron.get().admitted(patrons.clock().instant())) {
                answers.error(res, Status.FORBIDDEN_403, "your library account cannot book now; see the desk");
                return;
            }
        }
        answers.guard(res, () -> handler.handle(patronId));
    }

    private static boolean isJson(ServerRequest req) {
        return req.headers()
                .contentType()
                .map(HttpMediaType::mediaType)
                .map(t -> t.subtype().equals("json"))
                .orElse(false);
    }

    private void mine(ServerRequest req, ServerResponse res) throws SQLException {
        as(req, res, false, patron -> answers.send(res, reservations.mine(patron)));
    }

    private void book(ServerRequest req, ServerResponse res) throws SQLException {
        as(req, res, true, patron -> {
            JsonNode body = Api.body(req, json);
            Fields.only(body, "", Set.of("seat", "room", "start", "minutes"));
            Optional<String> seat = Fields.optionalText(body, "", "seat");
            Optional<String> room = Fields.optionalText(body, "", "room");
            if (seat.isPresent() == room.isPresent()) {
                throw new InvalidFieldException("seat", "give either 'seat' or 'room'");
            }
            Optional<Instant> start = Fields.optionalText(body, "", "start").map(PatronReservationsService::instant);
            int minutes = Fields.optionalInt(body, "", "minutes", 1, 24 * 60)
                    .orElseThrow(() -> new InvalidFieldException("minutes", "is required"));
            Reservations.Request request = new Reservations.Request(
                    seat.isPresent() ? Booking.Kind.SEAT : Booking.Kind.ROOM,
                    seat.or(() -> room).orElseThrow(),
                    start,
                    minutes);
            answers.created(res, reservations.book(patron, request));
        });
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException("start", "must be an ISO-8601 instant such as 2026-01-05T09:00:00Z");
        }
    }

    /** The zones and rooms the patron may book, with the starts and lengths the rules allow now. */
    private void places(ServerRequest req, ServerResponse res) throws SQLException {
        as(req, res, false, patron -> answers.send(res, choices.offer()));
    }

    /** {@code ?zone=&start=&minutes=}: which seats of the zone (or whether the room) are free then. */
    private void free(ServerRequest req, ServerResponse res) throws SQLException {
        as(req, res, false, patron -> {
            String zone =
                    Answers.param(req, "zone").orElseThrow(() -> new InvalidFieldException("zone", "is required"));
            Optional<Instant> start = Answers.param(req, "start").map(PatronReservationsService::instant);
            String minutes = Answers.param(req, "minutes")
                    .orElseThrow(() -> new InvalidFieldException("minutes", "is required"));
            answers.send(res, choices.free(patron, zone, start, minutes(minutes)));
        });
    }

    private static int minutes(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= 24 * 60) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidFieldException("minutes", "must be a whole number from 1 to 1440");
    }

    private void cancel(ServerRequest req, ServerResponse res) throws SQLException {
        String id = req.path().pathParameters().get("id");
        as(req, res, false, patron -> answers.send(res, reservations.cancel(patron, id)));
    }

    /** The phone scanned the seat's QR code, which names the seat: it must be the booking's. */
    private void checkIn(ServerRequest req, ServerResponse res) throws SQLException {
        String id = req.path().pathParameters().get("id");
        as(req, res, true, patron -> {
            JsonNode body = Api.body(req, json);
            Fields.only(body, "", Set.of("seat"));
            String seat = Fields.text(body, "", "seat");
            Booking b = reservations
                    .find(id)
                    .filter(x -> x.patronId().equals(patron))
                    .orElseThrow(() -> new java.util.NoSuchElementException("no booking '" + id + "'"));
            if (!b.resourceId().equals(seat)) {
                throw new Refused(
                        Refused.Code.WRONG_SEAT, "this code is for seat '" + seat + "', not your booked seat");
            }
            answers.send(res, reservations.checkIn(patron, id));
        });
    }

    private void extend(ServerRequest req, ServerResponse res) throws SQLException {
        String id = req.path().pathParameters().get("id");
        as(req, res, true, patron -> {
            JsonNode body = Api.body(req, json);
            Fields.only(body, "", Set.of("minutes"));
            int minutes = Fields.optionalInt(body, "", "minutes", 1, 24 * 60)
                    .orElseThrow(() -> new InvalidFieldException("minutes", "is required"));
            answers.send(res, reservations.extend(patron, id, minutes));
        });
    }

    private void join(ServerRequest req, ServerResponse res) throws SQLException {
        as(req, res, true, patron -> {
            JsonNode body = Api.body(req, json);
            Fields.only(body, "", Set.of("code"));
            answers.send(res, reservations.join(patron, Fields.text(body, "", "code")));
        });
    }

    /** A seat taken but empty, reported by an admitted patron (docs/reservations.md, "Peer reports"). */
    private void report(ServerRequest req, ServerResponse res) throws SQLException {
        as(req, res, true, patron -> {
            JsonNode body = Api.body(req, json);
            Fields.only(body, "", Set.of("seat"));
            answers.created(res, reports.report(patron, Fields.text(body, "", "seat")));
        });
    }

    private void violations(ServerRequest req, ServerResponse res) throws SQLException {
        as(req, res, false, patron -> answers.send(res, appeals.of(patron)));
    }

    private void appeal(ServerRequest req, ServerResponse res) throws SQLException {
        String id = req.path().pathParameters().get("id");
        as(req, res, false, patron -> {
            JsonNode body = Api.body(req, json);
            Fields.only(body, "", Set.of("reason"));
            answers.created(res, appeals.appeal(patron, id, Fields.text(body, "", "reason")));
        });
    }

    private void longTermSeats(ServerRequest req, ServerResponse res) throws SQLException {
        as(req, res, false, patron -> answers.send(res, longTerm.ofPatron(patron)));
    }

    private void holdLongTerm(ServerRequest req, ServerResponse res) throws SQLException {
        as(req, res, true, patron -> {
            JsonNode body = Api.body(req, json);
            Fields.only(body, "", Set.of("seat", "weeks"));
            int weeks = Fields.optionalInt(body, "", "weeks", 1, 52)
                    .orElseThrow(() -> new InvalidFieldException("weeks", "is required"));
            answers.created(res, longTerm.hold(patron, Fields.text(body, "", "seat"), weeks));
        });
    }

    /** {@code ?weeks=} (default 1): the long-term zones and the seats of each free to hold that long from now. */
    private void longTermPlaces(ServerRequest req, ServerResponse res) throws SQLException {
        as(req, res, false, patron -> {
            int weeks = Answers.param(req, "weeks")
                    .map(PatronReservationsService::weeks)
                    .orElse(1);
            answers.send(res, longTermChoices.offer(patron, weeks));
        });
    }

    private static int weeks(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= 52) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidFieldException("weeks", "must be a whole number from 1 to 52");
    }

    private void cancelLongTerm(ServerRequest req, ServerResponse res) throws SQLException {
        String id = req.path().pathParameters().get("id");
        as(req, res, false, patron -> answers.send(res, longTerm.cancel(patron, id)));
    }
}
