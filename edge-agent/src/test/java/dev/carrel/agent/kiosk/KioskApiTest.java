package dev.carrel.agent.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.agent.control.ClosingSchedule;
import dev.carrel.agent.seats.SeatBinding;
import dev.carrel.agent.seats.SeatEffects;
import dev.carrel.agent.seats.SeatRules;
import dev.carrel.agent.seats.SeatSessions;
import dev.carrel.agent.seats.SqliteSeatStore;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.EventBody;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kiosk API beyond seats: what the kiosk is, today's hours, the hub's zone counts, QR code, feedback. */
class KioskApiTest {
    /** Monday 23 November 2026, 10:00 in Shanghai: inside the exam period below. */
    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");

    private static final ClosingSchedule SCHEDULE = new ClosingSchedule(List.of(new ClosingSchedule.Building(
            "main",
            ZoneId.of("Asia/Shanghai"),
            Map.of("mon", "08:00-22:00", "sat", "closed"),
            List.of(new ClosingSchedule.Exception(
                    LocalDate.parse("2026-11-16"),
                    LocalDate.parse("2026-11-29"),
                    Optional.of("07:30-24:00"),
                    "exam",
                    "")),
            15,
            true,
            true)));

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final List<EventBody> events = new CopyOnWriteArrayList<>();
    private final AtomicReference<Map<String, Object>> desired = new AtomicReference<>(Map.of());
    private final KioskPatron patron = new KioskPatron(Clock.systemUTC());
    private SqliteSeatStore store;
    private KioskServer server;
    private SeatSessions seats;

    @BeforeEach
    void start() {
        store = new SqliteSeatStore(dir.resolve("seats.db"));
        seats = new SeatSessions(
                List.of(new SeatBinding(
                        "desk-01",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty())),
                SeatRules.DEFAULTS,
                store,
                new NoEffects(),
                Clock.systemUTC());
        KioskProfile profile = new KioskProfile(
                KioskProfile.Mode.GATE,
                Map.of("en", "Central Library", "zh-CN", "中心图书馆"),
                "en",
                Optional.of(URI.create("https://library.example.edu/carrel")));
        server = new KioskServer(
                "127.0.0.1",
                0,
                new KioskServer.Parts(
                        "gate-1",
                        profile,
                        seats,
                        patron,
                        new KioskFeed(),
                        new KioskServer.Sources(
                                () -> false,
                                new KioskTwin(desired::get),
                                () -> SCHEDULE,
                                events::add,
                                Clock.fixed(NOW, ZoneOffset.UTC),
                                Optional.empty())));
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    @Test
    void kiosk_saysWhatItIs_andTodaysHours_fromTheTwinsSchedule() throws Exception {
        JsonNode k = json.readTree(get("/api/kiosk").body());
        assertEquals("gate", k.get("mode").asText());
        assertEquals("en", k.get("language").asText());
        assertEquals("中心图书馆", k.at("/library/zh-CN").asText());
        assertTrue(k.get("qr").asBoolean());
        JsonNode today = k.get("hours").get(0);
        assertEquals("2026-11-23", today.get("date").asText());
        assertEquals("07:30", today.get("opens").asText(), "the exam period's hours, not Monday's");
        assertEquals("24:00", today.get("closes").asText());
        assertEquals("exam", today.get("kind").asText());
    }

    @Test
    void zones_comeFromTheTwinsKioskSection_andNoneAreInventedWithoutIt() throws Exception {
        assertEquals(0, json.readTree(get("/api/kiosk").body()).get("zones").size());
        desired.set(Map.of(
                "kiosk",
                Map.of(
                        "zones",
                        List.of(
                                Map.of("id", "rr-1", "name", Map.of("en", "Reading room 1"), "free", 12, "total", 24),
                                Map.of("id", "broken", "free", -1, "total", 3)))));
        JsonNode zones = json.readTree(get("/api/kiosk").body()).get("zones");
        assertEquals(1, zones.size(), "the malformed zone is left out: " + zones);
        assertEquals(12, zones.get(0).get("free").asInt());
        assertEquals("Reading room 1", zones.get(0).at("/name/zh-CN").asText(), "one name serves both");
    }

    @Test
    void roomRules_comeFromTheTwin_andImplausibleOnesAreLeftOut() throws Exception {
        assertTrue(json.readTree(get("/api/kiosk").body()).path("room").isMissingNode(), "none invented");
        desired.set(Map.of(
                "kiosk",
                Map.of("room", Map.of("minMinutes", 30, "maxMinutes", 90, "groupSize", 4, "formationMinutes", 15))));
        JsonNode room = json.readTree(get("/api/kiosk").body()).path("room");
        assertEquals(90, room.path("maxMinutes").asInt(), room.toString());
        assertEquals(4, room.path("groupSize").asInt());

        desired.set(Map.of(
                "kiosk",
                Map.of("room", Map.of("minMinutes", 60, "maxMinutes", 30, "groupSize", 4, "formationMinutes", 15))));
        assertTrue(json.readTree(get("/api/kiosk").body()).path("room").isMissingNode(), "max below min");
    }

    @Test
    void qrCode_isAnSvgOfThePatronPage() throws Exception {
        HttpResponse<String> r = get("/api/qr.svg");
        assertEquals(200, r.statusCode());
        assertEquals("image/svg+xml", r.headers().firstValue("content-type").orElse(""));
        assertTrue(r.body().startsWith("<svg") && r.body().contains("<path"), r.body());
    }

    @Test
    void feedback_becomesAFeedbackEvent_withTheGatesContext() throws Exception {
        HttpResponse<String> r = post("/api/feedback", "{\"score\": 5, \"comment\": \"  quiet and warm \"}");
        assertEquals(202, r.statusCode(), r.body());
        EventBody.Feedback f = (EventBody.Feedback) events.getFirst();
        assertEquals(5, f.score());
        assertEquals("gate-1", f.kioskId());
        assertEquals(EventBody.Feedback.Context.EXIT, f.context());
        assertEquals(Optional.of("quiet and warm"), f.comment());
    }

    @Test
    void feedback_afterACheckOut_carriesThePatronServed_onceOnly() throws Exception {
        CredentialHash ann = new CredentialHash("a".repeat(64));
        patron.tapped(ann);
        assertEquals(200, post("/api/seats/desk-01/check-in", "").statusCode());
        patron.tapped(ann);
        assertEquals(200, post("/api/seats/desk-01/check-out", "").statusCode());

        assertEquals(202, post("/api/feedback", "{\"score\": 4}").statusCode());
        assertEquals(202, post("/api/feedback", "{\"score\": 2}").statusCode());

        assertEquals(Optional.of(ann), ((EventBody.Feedback) events.get(0)).patron());
        assertEquals(Optional.empty(), ((EventBody.Feedback) events.get(1)).patron(), "the next rating is nobody's");
    }

    @Test
    void badFeedback_isRefusedNamingTheField_andRecordsNothing() throws Exception {
        for (String[] c : new String[][] {
            {"{\"score\": 9}", "score"},
            {"{\"score\": \"5\"}", "score"},
            {"{\"score\": 3, \"mood\": \"ok\"}", "mood"},
            {"{\"score\": 3, \"context\": \"lunch\"}", "context"},
            {"{\"score\": 3, \"comment\": 7}", "comment"},
            {"not json", "JSON"},
            {"[]", "object"}
        }) {
            HttpResponse<String> r = post("/api/feedback", c[0]);
            assertEquals(400, r.statusCode(), c[0]);
            JsonNode error = json.readTree(r.body());
            assertTrue(error.get("error").asText().contains(c[1]), c[0] + " → " + r.body());
        }
        assertEquals(List.of(), events);
    }

    @Test
    void seatRefusal_carriesACodeThePageTranslates() throws Exception {
        patron.tapped(new CredentialHash("a".repeat(64)));
        post("/api/seats/desk-01/check-in", "");
        patron.tapped(new CredentialHash("b".repeat(64)));
        HttpResponse<String> r = post("/api/seats/desk-01/check-in", "");
        assertEquals(409, r.statusCode());
        assertEquals("seat_taken", json.readTree(r.body()).get("code").asText());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static final class NoEffects implements SeatEffects {
        @Override
        public void power(SeatBinding seat, boolean on) {}

        @Override
        public void warn(SeatBinding seat) {}

        @Override
        public void attention(SeatBinding seat, boolean on) {}

        @Override
        public void publish(EventBody event) {}
    }
}
