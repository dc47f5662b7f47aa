package dev.carrel.hub.engagement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events on a real hub over HTTP (docs/engagement.md, "Events"): staff create them, patrons signed in on the
 * pass page register for a place or the waitlist, a withdrawal promotes the first waiting, the registration
 * window holds, and two patrons asking for the last place at once get one place and one waitlist position.
 */
class EventsTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    private EngagementFixture hub;
    private final List<String> cookies = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        hub = new EngagementFixture(dir, NOW);
        StringBuilder csv = new StringBuilder("id,name,group,card_uid,pin\n");
        for (int i = 0; i < 6; i++) {
            csv.append("p")
                    .append(i)
                    .append(",Patron ")
                    .append(i)
                    .append(",undergraduate,0400000")
                    .append(i)
                    .append(",47110")
                    .append(i)
                    .append('\n');
        }
        hub.patrons(csv.toString());
        signIn();
    }

    /** Signs every patron in (again: a pass session lasts 12 hours, and some tests move days ahead). */
    private void signIn() throws Exception {
        cookies.clear();
        for (int i = 0; i < 6; i++) {
            cookies.add(hub.signIn("p" + i, "47110" + i));
        }
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private String event(int capacity, String extra) throws Exception {
        JsonNode created = hub.expect(
                201,
                "POST",
                "/api/engagement/events",
                "{\"title\":\"Reading club: Borges\",\"kind\":\"reading_club\",\"zone\":\"z2\","
                        + "\"startsAt\":\"2026-11-30T14:00:00Z\",\"endsAt\":\"2026-11-30T16:00:00Z\","
                        + "\"capacity\":" + capacity + extra + "}",
                "");
        return created.get("event").get("id").asText();
    }

    private EngagementFixture.Answer register(String event, int patron) throws Exception {
        return hub.send("POST", "/pass/api/events/" + event + "/registration", "{}", cookies.get(patron));
    }

    private String stateOf(String event, int patron) throws Exception {
        JsonNode r = register(event, patron).json();
        return r.get("state").asText()
                + (r.get("position").asInt() > 0 ? " " + r.get("position").asInt() : "");
    }

    @Test
    void registration_givesPlacesToCapacity_thenWaitlist_andWithdrawalPromotesTheFirstWaiting() throws Exception {
        String ev = event(2, "");

        assertEquals("place", stateOf(ev, 0));
        assertEquals("place", stateOf(ev, 1));
        assertEquals("waitlist 1", stateOf(ev, 2));
        assertEquals("waitlist 2", stateOf(ev, 3));
        assertEquals("place", stateOf(ev, 0), "registering again answers the registration there is");

        hub.expect(204, "DELETE", "/pass/api/events/" + ev + "/registration", null, cookies.get(0));

        assertEquals("place", stateOf(ev, 2), "the first waiting got the freed place");
        assertEquals("waitlist 1", stateOf(ev, 3));
        JsonNode view = hub.expect(200, "GET", "/api/engagement/events/" + ev, null, "");
        assertEquals(2, view.get("counts").get("places").asInt());
        assertEquals(1, view.get("counts").get("waitlist").asInt());
        JsonNode regs = hub.expect(200, "GET", "/api/engagement/events/" + ev + "/registrations", null, "");
        assertEquals(List.of("p1", "p2", "p3"), ids(regs));
        JsonNode mine = hub.expect(200, "GET", "/pass/api/events", null, cookies.get(3));
        assertEquals(0, mine.get(0).get("placesLeft").asInt());
        assertEquals(1, mine.get(0).get("waitlist").asInt(), "how many wait, for the pass page");
        assertEquals(1, mine.get(0).get("registration").get("position").asInt());
    }

    @Test
    void twoPatronsAskingForTheLastPlaceAtOnce_getOnePlaceAndOneWaitlistPosition() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                String ev = event(2, "");
                assertEquals("place", stateOf(ev, 0));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<String>> answers = new ArrayList<>();
                for (int patron : new int[] {1 + 2 * (round % 2), 2 + 2 * (round % 2)}) {
                    Callable<String> ask = () -> {
                        go.await();
                        EngagementFixture.Answer a = register(ev, patron);
                        return a.status() + " " + a.json().get("state").asText();
                    };
                    answers.add(pool.submit(ask));
                }
                go.countDown();
                List<String> got = new ArrayList<>();
                for (Future<String> f : answers) {
                    got.add(f.get());
                }
                got.sort(null);
                assertEquals(List.of("200 place", "200 waitlist"), got, "round " + round);
                JsonNode counts = hub.expect(200, "GET", "/api/engagement/events/" + ev, null, "")
                        .get("counts");
                assertEquals(2, counts.get("places").asInt());
                assertEquals(1, counts.get("waitlist").asInt());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void registration_onlyInsideItsWindow_andNeverForACancelledEvent() throws Exception {
        String ev = event(
                5, ",\"registrationOpens\":\"2026-11-25T08:00:00Z\",\"registrationCloses\":\"2026-11-30T12:00:00Z\"");

        EngagementFixture.Answer early = register(ev, 0);
        assertEquals(409, early.status(), early.text());
        assertEquals("registration_not_open", early.json().get("code").asText());

        hub.clock.set(Instant.parse("2026-11-25T08:00:00Z"));
        signIn();
        assertEquals("place", stateOf(ev, 0));

        hub.clock.set(Instant.parse("2026-11-30T12:00:00Z"));
        signIn();
        EngagementFixture.Answer late = register(ev, 1);
        assertEquals("registration_closed", late.json().get("code").asText());

        hub.clock.set(Instant.parse("2026-11-26T08:00:00Z"));
        signIn();
        hub.expect(200, "POST", "/api/engagement/events/" + ev + "/cancel", null, "");
        assertEquals("event_cancelled", register(ev, 2).json().get("code").asText());
        assertEquals(
                List.of("p0"),
                ids(hub.expect(200, "GET", "/api/engagement/events/" + ev + "/registrations", null, "")));
    }

    @Test
    void editingToALargerCapacity_promotesTheWaitlist() throws Exception {
        String ev = event(1, "");
        stateOf(ev, 0);
        stateOf(ev, 1);
        stateOf(ev, 2);

        hub.expect(
                200,
                "PUT",
                "/api/engagement/events/" + ev,
                "{\"title\":\"Reading club: Borges\",\"kind\":\"reading_club\",\"startsAt\":\"2026-11-30T14:00:00Z\","
                        + "\"endsAt\":\"2026-11-30T16:00:00Z\",\"capacity\":2}",
                "");

        assertEquals("place", stateOf(ev, 1));
        assertEquals("waitlist 1", stateOf(ev, 2));
    }

    @Test
    void staffCheckIn_recordsAttendance_onlyForAPlace() throws Exception {
        String ev = event(1, "");
        stateOf(ev, 0);
        stateOf(ev, 1);

        EngagementFixture.Answer waiting =
                hub.send("POST", "/api/engagement/events/" + ev + "/check-ins", "{\"patron\":\"p1\"}");
        assertEquals(409, waiting.status());
        JsonNode done =
                hub.expect(200, "POST", "/api/engagement/events/" + ev + "/check-ins", "{\"patron\":\"p0\"}", "");

        assertEquals("staff", done.get("checkedInBy").asText());
        assertEquals(NOW.toString(), done.get("checkedInAt").asText());
        assertEquals(
                1,
                hub.expect(200, "GET", "/api/engagement/events/" + ev, null, "")
                        .get("counts")
                        .get("checkedIn")
                        .asInt());
    }

    @Test
    void badInput_isRefusedNamingTheField_andCreatesNothing() throws Exception {
        String good = "\"startsAt\":\"2026-11-30T14:00:00Z\",\"endsAt\":\"2026-11-30T16:00:00Z\"";
        String[][] cases = {
            {"{\"capacity\":3," + good + "}", "title"},
            {"{\"title\":\"x\",\"capacity\":0," + good + "}", "capacity"},
            {"{\"title\":\"x\",\"capacity\":3,\"zone\":\"basement\"," + good + "}", "zone"},
            {"{\"title\":\"x\",\"capacity\":3,\"kind\":\"party\"," + good + "}", "kind"},
            {"{\"title\":\"x\",\"capacity\":3,\"startsAt\":\"soon\",\"endsAt\":\"2026-11-30T16:00:00Z\"}", "startsAt"},
            {
                "{\"title\":\"x\",\"capacity\":3,\"startsAt\":\"2026-11-30T16:00:00Z\",\"endsAt\":\"2026-11-30T14:00:00Z\"}",
                "endsAt"
            },
            {"{\"title\":\"x\",\"capacity\":3,\"colour\":\"red\"," + good + "}", "colour"},
        };
        for (String[] c : cases) {
            EngagementFixture.Answer a = hub.send("POST", "/api/engagement/events", c[0]);
            assertEquals(400, a.status(), c[0]);
            assertTrue(a.json().get("error").asText().contains("'" + c[1] + "'"), c[0] + " → " + a.text());
        }
        assertEquals(
                0, hub.expect(200, "GET", "/api/engagement/events", null, "").size());
        assertEquals(
                401,
                hub.send("POST", "/pass/api/events/x/registration", "{}", "").status());
        assertEquals(404, register("ev-nothing", 0).status());
    }

    @Test
    void suspendedPatron_cannotRegister() throws Exception {
        String ev = event(3, "");
        hub.hub.access().orElseThrow().patrons().suspend("p4");

        EngagementFixture.Answer a = register(ev, 4);

        assertEquals(409, a.status(), a.text());
        assertEquals("not_admitted", a.json().get("code").asText());
    }

    @Test
    void withdrawal_afterTheStart_isRefused() throws Exception {
        String ev = event(1, "");
        stateOf(ev, 0);
        hub.clock.advance(Duration.ofDays(7).plusHours(4)); // 30 Nov 14:00 has passed
        signIn();

        EngagementFixture.Answer a =
                hub.send("DELETE", "/pass/api/events/" + ev + "/registration", null, cookies.get(0));

        assertEquals(409, a.status(), a.text());
        assertEquals("event_started", a.json().get("code").asText());
    }

    private static List<String> ids(JsonNode registrations) {
        List<String> out = new ArrayList<>();
        registrations.forEach(r -> out.add(r.get("patronId").asText()));
        return out;
    }
}
