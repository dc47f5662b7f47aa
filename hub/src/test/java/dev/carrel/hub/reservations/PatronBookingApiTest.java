package dev.carrel.hub.reservations;

import static dev.carrel.hub.reservations.ReservationHub.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the pass page asks before it books ({@code /pass/api/reservations/places} and {@code /free}) over real
 * HTTP with a patron's pass session, on the reservation tests' library (open 08:00-22:00, Europe/Berlin).
 */
class PatronBookingApiTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private ReservationHub h;
    private String p1;

    @BeforeEach
    void start() throws Exception {
        Path secret = dir.resolve("site-secret");
        Files.createFile(secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secret, Base64.getEncoder().encodeToString(new byte[32]));
        h = new ReservationHub(
                dir,
                "2026-11-23T18:10",
                Map.of(
                        "carrel.site.id", "lib",
                        "carrel.site.secret-file", secret.toString(),
                        "carrel.passes.pin-iterations", "1000",
                        "carrel.passes.secure-cookie", "false",
                        "carrel.reservations.zones.reading.long-term", "true"));
        String staff = h.hub.staff().issueToken("admin");
        HttpResponse<String> imported = http.send(
                HttpRequest.newBuilder(uri("/api/patrons/imports"))
                        .header("Authorization", "Bearer " + staff)
                        .POST(HttpRequest.BodyPublishers.ofString("id,name,group,pin\np1,Ann Lee,undergraduate,4711\n"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, imported.statusCode(), imported.body());
        ReservationHub.await(this::imported, "the import");
        p1 = signIn("p1", "4711");
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    @Test
    void places_afterSix_offerTheRestOfTodayAndTomorrow_roomsWithTheirGroup_withoutWalkUpZones() throws Exception {
        JsonNode offer = get("/pass/api/reservations/places", p1, 200);
        assertEquals(at("2026-11-23T18:10").toString(), offer.get("now").asText());
        assertEquals(List.of("reading", "room-a"), ids(offer.get("zones"), "id"));

        JsonNode reading = offer.get("zones").get(0);
        assertEquals("area", reading.get("kind").asText());
        assertTrue(reading.get("openNow").asBoolean());
        assertEquals("[60,120,180,240]", reading.get("lengths").toString());
        List<String> starts = ids(reading.get("starts"), null);
        assertEquals(3 + 14, starts.size(), starts.toString());
        assertEquals(at("2026-11-23T19:00").toString(), starts.getFirst());
        assertEquals(at("2026-11-23T21:00").toString(), starts.get(2), "the last hour that fits before 22:00");
        assertEquals(at("2026-11-24T08:00").toString(), starts.get(3), "tomorrow from opening");
        assertEquals(at("2026-11-24T21:00").toString(), starts.getLast());

        JsonNode room = offer.get("zones").get(1);
        assertEquals("room", room.get("kind").asText());
        assertEquals(3, room.get("minGroup").asInt());
        assertEquals("[30,60,90,120]", room.get("lengths").toString());
    }

    @Test
    void places_beforeSix_offerTodayOnly_andNothingNowAfterClosing() throws Exception {
        h.clock.set(at("2026-11-23T17:30"));
        List<String> starts = ids(
                get("/pass/api/reservations/places", p1, 200)
                        .get("zones")
                        .get(0)
                        .get("starts"),
                null);
        assertEquals(
                List.of(
                        at("2026-11-23T18:00").toString(),
                        at("2026-11-23T19:00").toString(),
                        at("2026-11-23T20:00").toString(),
                        at("2026-11-23T21:00").toString()),
                starts);

        h.clock.set(at("2026-11-23T21:30"));
        JsonNode late =
                get("/pass/api/reservations/places", p1, 200).get("zones").get(0);
        assertTrue(!late.get("openNow").asBoolean(), "an hour's booking no longer fits today");
        assertEquals(
                at("2026-11-24T08:00").toString(), late.get("starts").get(0).asText());
    }

    @Test
    void free_marksTheSeatsBookedForThatTime() throws Exception {
        h.book("p2", "desk-2", "2026-11-23T19:00", 60);
        String at19 = "/pass/api/reservations/free?zone=reading&minutes=60&start=" + at("2026-11-23T19:00");
        JsonNode free = get(at19, p1, 200);
        assertEquals(at("2026-11-23T20:00").toString(), free.get("end").asText());
        assertEquals(
                "[{\"id\":\"desk-1\",\"free\":true},{\"id\":\"desk-2\",\"free\":false},{\"id\":\"desk-3\",\"free\":true}]",
                free.get("places").toString());
        JsonNode later =
                get("/pass/api/reservations/free?zone=reading&minutes=60&start=" + at("2026-11-23T20:00"), p1, 200);
        assertTrue(later.get("places").get(1).get("free").asBoolean(), "free again when that booking has ended");
        JsonNode now = get("/pass/api/reservations/free?zone=room-a&minutes=30", p1, 200);
        assertEquals("[{\"id\":\"room-a\",\"free\":true}]", now.get("places").toString());
    }

    @Test
    void free_badInput_is400NamingTheField_andNeedsASession() throws Exception {
        assertTrue(get("/pass/api/reservations/free?zone=nope&minutes=60", p1, 400)
                .toString()
                .contains("zone"));
        assertTrue(get("/pass/api/reservations/free?zone=reading&minutes=0", p1, 400)
                .toString()
                .contains("minutes"));
        assertTrue(get("/pass/api/reservations/free?zone=reading&minutes=60&start=soon", p1, 400)
                .toString()
                .contains("start"));
        get("/pass/api/reservations/free?zone=reading&minutes=60", "", 401);
        get("/pass/api/reservations/places", "", 401);
    }

    /** What the pass page's seat card tells apart: each refusal of a check-in by the seat's code has its own code. */
    @Test
    void checkInBySeatCode_refusalsHaveTheirCodes_andChangeNothing() throws Exception {
        Booking plain = h.book("p1", "desk-2", "2026-11-23T19:00", 60);
        String path = "/pass/api/reservations/" + plain.id() + "/check-in";

        h.clock.set(at("2026-11-23T18:50"));
        assertEquals(
                "wrong_seat",
                post(path, "{\"seat\":\"desk-3\"}", p1, 409).get("code").asText());
        assertEquals(Optional.empty(), h.booking(plain.id()).checkedInAt(), "a refusal changes nothing");
        h.clock.set(at("2026-11-23T18:44"));
        assertEquals(
                "too_early",
                post(path, "{\"seat\":\"desk-2\"}", p1, 409).get("code").asText());
        h.clock.set(at("2026-11-23T18:45"));
        JsonNode done = post(path, "{\"seat\":\"desk-2\"}", p1, 200);
        assertEquals("checked_in", done.get("state").asText(), "no sensor at desk-2: the code is the check-in");
        assertEquals("seat_qr", done.get("checkInSource").asText());
        assertEquals(
                "already_checked_in",
                post(path, "{\"seat\":\"desk-2\"}", p1, 409).get("code").asText());

        Booking sensed = h.book("p1", "desk-1", "2026-11-23T21:00", 60);
        String sensedPath = "/pass/api/reservations/" + sensed.id() + "/check-in";
        h.clock.set(at("2026-11-23T21:05"));
        JsonNode waiting = post(sensedPath, "{\"seat\":\"desk-1\"}", p1, 200);
        assertEquals("booked", waiting.get("state").asText(), "desk-1 has a sensor: presence is still awaited");
        assertEquals(
                at("2026-11-23T21:05").toString(), waiting.get("checkedInAt").asText());
        h.clock.set(at("2026-11-23T21:15"));
        assertEquals(
                "grace_over",
                post(sensedPath, "{\"seat\":\"desk-1\"}", p1, 409).get("code").asText());
        post(sensedPath, "{\"seat\":\"desk-1\"}", "", 401);
    }

    /** The long-term form's offer: only desk-1 of the reading room has the sensor a weekly quota needs. */
    @Test
    void longTermPlaces_offerSensedSeatsFreeForTheWeeks_andMyHoldShowsThisWeeksPresence() throws Exception {
        JsonNode offer = get("/pass/api/reservations/long-term/places?weeks=2", p1, 200);
        assertEquals(2, offer.get("weeks").asInt());
        assertEquals(List.of("reading"), ids(offer.get("zones"), "id"), "rooms and other zones are not long-term");
        JsonNode reading = offer.get("zones").get(0);
        assertEquals(8, reading.get("maxWeeks").asInt());
        assertEquals(15 * 60, reading.get("quotaMinutes").asInt());
        assertEquals(at("2026-12-07T18:10").toString(), reading.get("until").asText());
        assertEquals("[\"desk-1\"]", reading.get("seats").toString(), "desk-2 and desk-3 have no sensor");
        assertEquals(
                "[]",
                get("/pass/api/reservations/long-term/places?weeks=9", p1, 200)
                        .at("/zones/0/seats")
                        .toString(),
                "longer than the zone allows");

        Booking bo = h.book("p2", "desk-1", "2026-11-24T10:00", 60);
        assertEquals(
                "[]",
                get("/pass/api/reservations/long-term/places", p1, 200)
                        .at("/zones/0/seats")
                        .toString(),
                "someone else booked it within the week");
        h.reservations().cancel("p2", bo.id());

        JsonNode hold = post("/pass/api/reservations/long-term", "{\"seat\":\"desk-1\",\"weeks\":2}", p1, 201);
        h.clock.set(at("2026-11-23T18:20"));
        h.presence(true);
        h.clock.set(at("2026-11-23T19:05"));
        JsonNode mine = get("/pass/api/reservations/long-term", p1, 200).get(0);
        assertEquals(hold.get("id").asText(), mine.get("id").asText());
        assertEquals(
                at("2026-11-23T18:10").toString(), mine.at("/thisWeek/from").asText());
        assertEquals(
                at("2026-11-30T18:10").toString(), mine.at("/thisWeek/until").asText());
        assertEquals(45, mine.at("/thisWeek/minutes").asInt(), "presence so far, an open interval up to now");
        assertEquals(900, mine.get("quotaMinutes").asInt());
        assertEquals(
                "[]",
                get("/pass/api/reservations/long-term/places", p1, 200)
                        .at("/zones/0/seats")
                        .toString(),
                "held now");
    }

    @Test
    void longTermPlaces_badWeeks_is400NamingTheField_andNeedsASession() throws Exception {
        for (String weeks : List.of("0", "53", "two")) {
            assertTrue(get("/pass/api/reservations/long-term/places?weeks=" + weeks, p1, 400)
                    .toString()
                    .contains("weeks"));
        }
        get("/pass/api/reservations/long-term/places", "", 401);
        get("/pass/api/reservations/long-term", "", 401);
    }

    @Test
    void report_overHttp_needsASessionAndASeat_refusalsHaveTheirCodes_andAcceptedGivesTheDeadline() throws Exception {
        String path = "/pass/api/reservations/report";
        post(path, "{\"seat\":\"desk-2\"}", "", 401);
        assertTrue(post(path, "{}", p1, 400).toString().contains("seat"));
        assertTrue(post(path, "{\"seat\":\"desk-2\",\"who\":\"x\"}", p1, 400)
                .toString()
                .contains("who"));
        assertTrue(post(path, "{\"seat\":\"nope\"}", p1, 400).toString().contains("seat"));
        assertEquals(
                "not_reportable",
                post(path, "{\"seat\":\"desk-2\"}", p1, 409).get("code").asText());

        Booking own = h.book("p1", "desk-3", "2026-11-23T18:10", 60);
        h.reservations().checkIn("p1", own.id());
        assertEquals(
                "own_seat",
                post(path, "{\"seat\":\"desk-3\"}", p1, 409).get("code").asText());

        Booking other = h.book("p2", "desk-2", "2026-11-23T18:10", 60);
        h.reservations().checkIn("p2", other.id());
        JsonNode accepted = post(path, "{\"seat\":\"desk-2\"}", p1, 201);
        assertEquals(at("2026-11-23T18:25").toString(), accepted.get("due").asText());
        assertEquals(
                "already_reported",
                post(path, "{\"seat\":\"desk-2\"}", p1, 409).get("code").asText());
    }

    @Test
    void cancel_ofARoomWithinAnHour_is409TooLateToCancel() throws Exception {
        Booking room = h.reservations()
                .book(
                        "p1",
                        new Reservations.Request(Booking.Kind.ROOM, "room-a", Optional.of(at("2026-11-23T19:00")), 60));
        JsonNode refused = post("/pass/api/reservations/" + room.id() + "/cancel", "{}", p1, 409);
        assertEquals("too_late_to_cancel", refused.get("code").asText());
        assertEquals(Booking.State.FORMING, h.booking(room.id()).state());
        assertEquals(
                60,
                get("/pass/api/reservations/places", p1, 200)
                        .get("zones")
                        .get(1)
                        .get("cancelAhead")
                        .asInt());
    }

    @Test
    void currentPass_namesThePatron_soThePageKnowsWhichBookingsAreTheirs() throws Exception {
        assertEquals("p1", get("/pass/api/current", p1, 200).get("patron").asText());
    }

    private boolean imported() {
        try {
            return h.hub.access().orElseThrow().patrons().find("p1").isPresent();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> ids(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(field == null ? n.asText() : n.get(field).asText()));
        return out;
    }

    private String signIn(String patron, String pin) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(uri("/pass/api/sign-in"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"patron\":\"" + patron + "\",\"pin\":\"" + pin + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, r.statusCode(), r.body());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private JsonNode get(String path, String cookie, int status) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (!cookie.isEmpty()) {
            b.header("Cookie", cookie);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), path + ": " + r.body());
        return json.readTree(r.body());
    }

    private JsonNode post(String path, String body, String cookie, int status) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!cookie.isEmpty()) {
            b.header("Cookie", cookie);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), path + ": " + r.body());
        return json.readTree(r.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + h.hub.httpPort() + path);
    }
}
