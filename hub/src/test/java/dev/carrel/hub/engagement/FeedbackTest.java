package dev.carrel.hub.engagement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.hub.HubHttp;
import dev.carrel.hub.staff.StaffRole;
import dev.carrel.protocol.Event;
import dev.carrel.protocol.EventBody.Feedback;
import dev.carrel.protocol.EventBody.Feedback.Context;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kiosk feedback from agents over the real broker, stored by ingest, and the monthly satisfaction by zone
 * and by patron group (docs/engagement.md): every month of the range appears, empty ones with count 0.
 */
class FeedbackTest {
    @TempDir
    Path dir;

    private EngagementFixture hub;

    @BeforeEach
    void start() throws Exception {
        hub = new EngagementFixture(dir, Instant.parse("2026-11-23T10:00:00Z"));
        hub.patrons("id,name,group,college,card_uid\n"
                + "u1,Ann Lee,undergraduate,Physics,04A1B2C3\n"
                + "f1,Bo Chen,faculty,History,04000001\n");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void feedback_fromAgents_isAggregatedMonthlyByZoneAndGroup_withEmptyMonthsPresent() throws Exception {
        List<Event> sent = new ArrayList<>();
        try (KioskAgent room = hub.agent("room-1");
                KioskAgent gate = hub.agent("gate-1")) {
            // September: a student rates a seat session 4 in z1 (room-1 drives z1's desks).
            sent.add(room.event(
                    Instant.parse("2026-09-10T08:00:00Z"),
                    new Feedback(
                            "kiosk-1",
                            Context.SEAT_SESSION,
                            4,
                            Optional.of("Quiet, but cold"),
                            Optional.of(EngagementFixture.card("04A1B2C3")))));
            // October: nobody. November: faculty rates 2 in z1; an unknown patron rates 5 at the gate.
            sent.add(room.event(
                    Instant.parse("2026-11-02T15:00:00Z"),
                    new Feedback(
                            "kiosk-1",
                            Context.SEAT_SESSION,
                            2,
                            Optional.empty(),
                            Optional.of(EngagementFixture.card("04000001")))));
            sent.add(gate.event(
                    Instant.parse("2026-11-03T15:00:00Z"),
                    new Feedback("gate-1", Context.EXIT, 5, Optional.empty(), Optional.empty())));
            // Outside the range, at 23:30 UTC on 31 October = 00:30 on 1 November in Berlin: November's.
            sent.add(gate.event(
                    Instant.parse("2026-10-31T23:30:00Z"),
                    new Feedback("gate-1", Context.EXIT, 1, Optional.empty(), Optional.empty())));
        }
        hub.await(
                "/api/engagement/feedback?from=2026-01-01T00:00:00Z",
                a -> a.json().size() == 4);

        JsonNode byZone =
                hub.expect(200, "GET", "/api/engagement/satisfaction?by=zone&from=2026-09&to=2026-11", null, "");
        assertEquals("Europe/Berlin", byZone.get("timezone").asText());
        assertEquals(
                List.of(
                        "2026-09 z1 1 4.0",
                        "2026-09 z2 0 -",
                        "2026-09  0 -", // the gate's zone rated in November only, so it is empty here
                        "2026-10 z1 0 -",
                        "2026-10 z2 0 -",
                        "2026-10  0 -",
                        "2026-11 z1 1 2.0",
                        "2026-11 z2 0 -",
                        "2026-11  2 3.0"),
                rows(byZone));

        JsonNode byGroup =
                hub.expect(200, "GET", "/api/engagement/satisfaction?by=group&from=2026-10&to=2026-11", null, "");
        assertEquals(
                List.of(
                        "2026-10 undergraduate 0 -",
                        "2026-10 postgraduate 0 -",
                        "2026-10 faculty 0 -",
                        "2026-10 staff 0 -",
                        "2026-10 visitor 0 -",
                        "2026-10 unknown 0 -",
                        "2026-11 undergraduate 0 -",
                        "2026-11 postgraduate 0 -",
                        "2026-11 faculty 1 2.0",
                        "2026-11 staff 0 -",
                        "2026-11 visitor 0 -",
                        "2026-11 unknown 2 3.0"),
                rows(byGroup));
        assertEquals(List.of(1, 0, 0, 0, 1), ints(byGroup.get("months").get(11).get("scores")));
    }

    @Test
    void satisfactionCsv_hasEveryMonth_andTheHeader() throws Exception {
        try (KioskAgent room = hub.agent("room-1")) {
            room.event(
                    Instant.parse("2026-08-10T08:00:00Z"),
                    new Feedback(
                            "kiosk-1",
                            Context.SEAT_SESSION,
                            3,
                            Optional.empty(),
                            Optional.of(EngagementFixture.card("04A1B2C3"))));
        }
        hub.await(
                "/api/engagement/feedback?from=2026-01-01T00:00:00Z",
                a -> a.json().size() == 1);

        EngagementFixture.Answer csv =
                hub.get("/api/engagement/satisfaction?by=group&from=2026-07&to=2026-09&format=csv");

        assertEquals(200, csv.status());
        String[] lines = csv.text().split("\r\n");
        assertEquals("month,group,count,average,score_1,score_2,score_3,score_4,score_5", lines[0]);
        assertEquals(1 + 3 * 6, lines.length, csv.text());
        assertTrue(csv.text().contains("2026-07,undergraduate,0,,0,0,0,0,0\r\n"), csv.text());
        assertTrue(csv.text().contains("2026-08,undergraduate,1,3.0,0,0,1,0,0\r\n"), csv.text());
    }

    @Test
    void feedbackPatron_becomesGroupAndCollege_andIsKeptNeitherInTheRowNorInTheRawEvent() throws Exception {
        Event e;
        try (KioskAgent room = hub.agent("room-1")) {
            e = room.event(
                    Instant.parse("2026-11-20T08:00:00Z"),
                    new Feedback(
                            "kiosk-1",
                            Context.SEAT_SESSION,
                            1,
                            Optional.of("Too noisy"),
                            Optional.of(EngagementFixture.card("04A1B2C3"))));
        }
        JsonNode rows =
                hub.await("/api/engagement/feedback", a -> a.json().size() == 1).json();

        JsonNode row = rows.get(0);
        assertEquals("undergraduate", row.get("group").asText());
        assertEquals("Physics", row.get("college").asText());
        assertEquals("z1", row.get("zone").asText());
        assertEquals("Too noisy", row.get("comment").asText());
        assertFalse(row.toString().contains("u1") || row.toString().contains("Ann"), row.toString());
        String hash = EngagementFixture.card("04A1B2C3").hex();
        assertEquals(1, HubHttp.count(hub.database, "SELECT count(*) FROM events WHERE id = ?", e.id().toString()));
        assertEquals(
                0,
                HubHttp.count(
                        hub.database,
                        "SELECT count(*) FROM events WHERE body LIKE ? OR body LIKE '%patron%'",
                        "%" + hash + "%"),
                "the raw event lost the patron's credential");
        assertEquals(1, HubHttp.count(hub.database, "SELECT count(*) FROM events WHERE body LIKE '%Too noisy%'"));
    }

    @Test
    void satisfaction_badParameters_answer400NamingThem() throws Exception {
        assertEquals(400, hub.get("/api/engagement/satisfaction?by=floor").status());
        assertTrue(hub.get("/api/engagement/satisfaction?by=floor").text().contains("'by'"));
        assertTrue(hub.get("/api/engagement/satisfaction?from=2026-13").text().contains("'from'"));
        assertEquals(
                400,
                hub.get("/api/engagement/satisfaction?from=2026-11&to=2026-01").status());
        assertEquals(400, hub.get("/api/engagement/satisfaction?format=xls").status());
        assertEquals(400, hub.get("/api/engagement/feedback?limit=0").status());
    }

    @Test
    void engagementRoutes_areTheLibrarians() throws Exception {
        hub.hub.staff().accounts().create("fm", StaffRole.FACILITIES, "a-long-test-password-2");
        String facilities = hub.hub.staff().issueToken("fm");
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                        "http://127.0.0.1:" + hub.hub.httpPort() + "/api/engagement/satisfaction"))
                                .header("Authorization", "Bearer " + facilities)
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());

        assertEquals(403, r.statusCode(), r.body());
        assertEquals(200, hub.get("/api/engagement/satisfaction").status(), "the librarian's token");
    }

    private static List<String> rows(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : report.get("months")) {
            out.add(m.get("month").asText() + " " + m.get("key").asText() + " "
                    + m.get("count").asLong() + " "
                    + (m.get("average") == null || m.get("average").isNull()
                            ? "-"
                            : m.get("average").asText()));
        }
        return out;
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }
}
