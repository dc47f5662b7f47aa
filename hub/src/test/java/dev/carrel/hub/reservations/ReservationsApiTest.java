package dev.carrel.hub.reservations;

import static dev.carrel.hub.reservations.ReservationHub.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.hub.control.Http;
import dev.carrel.hub.staff.StaffRole;
import dev.carrel.protocol.EventBody;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The librarians' {@code /api/reservations} over real HTTP, with staff roles. */
class ReservationsApiTest {
    @TempDir
    Path dir;

    private ReservationHub h;
    private Http librarian;

    @BeforeEach
    void start() throws Exception {
        h = new ReservationHub(dir, "2026-11-23T09:50");
        librarian = as("lib1", StaffRole.LIBRARIAN);
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    private Http as(String user, StaffRole role) throws Exception {
        var accounts = h.hub.staff().accounts();
        accounts.create(user, role, accounts.randomPassword());
        return new Http(h.hub.httpPort(), h.hub.staff().issueToken(user));
    }

    @Test
    void librarian_searchesBookings_reviewsEvidence_andDecidesAnAppeal() throws Exception {
        // Evidence: p1 came in through the gate, someone sat at desk-1 before the booking, nobody after its start;
        // a passage of another patron's card and one from the day before yesterday are not p1's evidence.
        h.gatePassage("2026-11-21T09:00", "p1", EventBody.GatePassage.Direction.IN);
        h.gatePassage("2026-11-23T09:40", "p1", EventBody.GatePassage.Direction.IN);
        h.gatePassage("2026-11-23T09:45", "p9", EventBody.GatePassage.Direction.IN);
        Booking b = h.book("p1", "desk-1", "2026-11-23T10:00", 60);
        h.clock.set(at("2026-11-23T09:52"));
        h.presence(true);
        h.clock.set(at("2026-11-23T09:57"));
        h.presence(false);
        h.sweepAt("2026-11-23T10:00");
        h.sweepAt("2026-11-23T10:15");
        Violation v = h.violations("p1").getFirst();
        Violation.Appeal appeal = h.hub.reservations().appeals().appeal("p1", v.id(), "my bus was late");

        JsonNode found = librarian.json("GET", "/api/reservations/bookings?patron=p1", null, 200);
        assertEquals(1, found.size());
        assertEquals("no_show", found.get(0).get("state").asText());
        assertEquals(
                b.id(),
                librarian
                        .json("GET", "/api/reservations/bookings/" + b.id(), null, 200)
                        .get("booking")
                        .get("id")
                        .asText());
        assertEquals(404, librarian.get("/api/reservations/bookings/nope").statusCode());
        assertEquals(400, librarian.get("/api/reservations/bookings?limit=0").statusCode());

        JsonNode pending = librarian.json("GET", "/api/reservations/violations?appeal=pending", null, 200);
        assertEquals(1, pending.size());
        JsonNode evidence = librarian.json("GET", "/api/reservations/violations/" + v.id(), null, 200);
        assertEquals(b.id(), evidence.get("booking").get("id").asText());
        assertEquals(
                "[{\"from\":\"" + at("2026-11-23T09:52") + "\",\"to\":\"" + at("2026-11-23T09:57") + "\"}]",
                evidence.get("presence").toString());
        JsonNode gate = evidence.get("gate");
        assertEquals(1, gate.size(), gate.toString());
        assertEquals(at("2026-11-23T09:40").toString(), gate.get(0).get("at").asText());
        assertEquals("in", gate.get(0).get("direction").asText());
        assertEquals("gate-1", gate.get(0).get("gate").asText());
        assertEquals("gate-agent", gate.get(0).get("agent").asText());

        String decision = "/api/reservations/appeals/" + appeal.id() + "/decision";
        var bad = librarian.send("POST", decision, "{\"accept\": \"yes\"}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("accept"), bad.body());
        JsonNode decided = librarian.json("POST", decision, "{\"accept\": true, \"note\": \"bus strike\"}", 200);
        assertEquals("voided", decided.get("state").asText());
        assertEquals("lib1", decided.get("appeal").get("decidedBy").asText());
        var again = librarian.send("POST", decision, "{\"accept\": false}");
        assertEquals(409, again.statusCode());
        assertTrue(again.body().contains("\"code\":\"not_live\""), again.body());

        assertTrue(librarian.json("GET", "/api/reservations/rules", null, 200).has("penalties"));
        assertEquals(
                0,
                librarian.json("GET", "/api/reservations/long-term", null, 200).size());
    }

    @Test
    void facilitiesStaff_mayNotSeeReservations() throws Exception {
        Http facilities = as("fac1", StaffRole.FACILITIES);
        assertEquals(403, facilities.get("/api/reservations/bookings").statusCode());
        assertEquals(
                401,
                new Http(h.hub.httpPort(), "").get("/api/reservations/bookings").statusCode());
    }
}
