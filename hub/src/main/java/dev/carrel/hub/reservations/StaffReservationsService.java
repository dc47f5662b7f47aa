package dev.carrel.hub.reservations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.spaces.Api;
import dev.carrel.hub.spaces.Fields;
import dev.carrel.hub.staff.Audit;
import dev.carrel.hub.staff.Staff;
import dev.carrel.hub.staff.StaffMember;
import dev.carrel.hub.web.JsonResponses;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * {@code /api/reservations}, for librarians: bookings and their search, violations with their evidence,
 * appeals and their decision, long-term seats, and the rules in force.
 */
final class StaffReservationsService implements HttpService {
    /** What the staff routes serve. */
    record Parts(Reservations reservations, Appeals appeals, LongTermSeats longTerm, ReservationSettings settings) {}

    private final Reservations reservations;
    private final Appeals appeals;
    private final LongTermSeats longTerm;
    private final ReservationSettings settings;
    private final ObjectMapper json;
    private final Answers answers;

    StaffReservationsService(Parts parts, ObjectMapper json, JsonResponses out) {
        this.reservations = parts.reservations();
        this.appeals = parts.appeals();
        this.longTerm = parts.longTerm();
        this.settings = parts.settings();
        this.json = json;
        this.answers = new Answers(json, out);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/bookings", this::bookings)
                .get("/bookings/{id}", this::booking)
                .get("/violations", this::violations)
                .get("/violations/{id}", this::violation)
                .post("/appeals/{id}/decision", this::decide)
                .get("/rules", this::rules)
                .get("/long-term", this::longTerm);
    }

    private void bookings(ServerRequest req, ServerResponse res) throws SQLException {
        answers.guard(
                res,
                () -> answers.send(
                        res,
                        reservations.search(
                                Answers.param(req, "patron"),
                                Answers.param(req, "seat").or(() -> Answers.param(req, "room")),
                                Answers.param(req, "state"),
                                Answers.limit(req))));
    }

    private void booking(ServerRequest req, ServerResponse res) throws SQLException {
        String id = req.path().pathParameters().get("id");
        answers.guard(res, () -> {
            Booking b = reservations.find(id).orElseThrow(() -> new NoSuchElementException("no booking '" + id + "'"));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("booking", b);
            out.put("members", reservations.members(id));
            answers.send(res, out);
        });
    }

    private void violations(ServerRequest req, ServerResponse res) throws SQLException {
        answers.guard(
                res,
                () -> answers.send(
                        res,
                        appeals.search(
                                Answers.param(req, "patron"), Answers.param(req, "appeal"), Answers.limit(req))));
    }

    private void violation(ServerRequest req, ServerResponse res) throws SQLException {
        String id = req.path().pathParameters().get("id");
        answers.guard(res, () -> answers.send(res, appeals.evidence(id)));
    }

    private void decide(ServerRequest req, ServerResponse res) throws SQLException {
        String id = req.path().pathParameters().get("id");
        answers.guard(res, () -> {
            JsonNode body = Api.body(req, json);
            Fields.only(body, "", Set.of("accept", "note"));
            boolean accept = Fields.bool(body, "", "accept");
            String note = Fields.optionalText(body, "", "note").orElse("");
            String by = Staff.of(req).map(StaffMember::username).orElse("staff");
            Violation v = appeals.decide(id, accept, by, note);
            Audit.note(req, (accept ? "accepted" : "rejected") + " the appeal of violation " + v.id());
            answers.send(res, v);
        });
    }

    private void longTerm(ServerRequest req, ServerResponse res) throws SQLException {
        answers.guard(res, () -> answers.send(res, longTerm.search(Answers.param(req, "state"))));
    }

    private void rules(ServerRequest req, ServerResponse res) {
        answers.send(res, settings);
    }
}
