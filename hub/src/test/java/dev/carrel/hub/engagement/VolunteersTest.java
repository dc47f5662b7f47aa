package dev.carrel.hub.engagement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.protocol.CredentialKind;
import dev.carrel.protocol.EventBody;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Volunteer shifts on a real hub (docs/engagement.md, "Volunteers"): sign-up within the slots, check-in and
 * check-out by staff or by a card at an event kiosk (over the broker), and hours credited only for checked-in
 * time, capped to the shift.
 */
class VolunteersTest {
    private static final Instant SHIFT_START = Instant.parse("2026-11-24T09:00:00Z");

    @TempDir
    Path dir;

    private EngagementFixture hub;
    private String shift;

    @BeforeEach
    void start() throws Exception {
        hub = new EngagementFixture(dir, Instant.parse("2026-11-23T10:00:00Z"));
        hub.patrons("id,name,group,card_uid,pin\n"
                + "p0,Ann Lee,undergraduate,04000000,471100\n"
                + "p1,Bo Chen,postgraduate,04000001,471101\n"
                + "p2,Cy Park,faculty,04000002,471102\n");
        shift = hub.expect(
                        201,
                        "POST",
                        "/api/engagement/shifts",
                        "{\"title\":\"Shelving returns\",\"zone\":\"z1\",\"startsAt\":\"" + SHIFT_START
                                + "\",\"endsAt\":\"2026-11-24T12:00:00Z\",\"slots\":2}",
                        "")
                .get("shift")
                .get("id")
                .asText();
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private void signUp(String patron, String pin, int status) throws Exception {
        hub.expect(status, "POST", "/pass/api/volunteering/" + shift + "/signup", "{}", hub.signIn(patron, pin));
    }

    private JsonNode stamp(String patron, String what, int status) throws Exception {
        return hub.expect(
                status, "POST", "/api/engagement/shifts/" + shift + "/" + what, "{\"patron\":\"" + patron + "\"}", "");
    }

    @Test
    void signUp_withinTheSlots_thenShiftFull() throws Exception {
        signUp("p0", "471100", 200);
        signUp("p1", "471101", 200);
        EngagementFixture.Answer full =
                hub.send("POST", "/pass/api/volunteering/" + shift + "/signup", "{}", hub.signIn("p2", "471102"));

        assertEquals(409, full.status());
        assertEquals("shift_full", full.json().get("code").asText());
        assertEquals(
                2,
                hub.expect(200, "GET", "/api/engagement/shifts/" + shift, null, "")
                        .get("signedUp")
                        .asInt());
    }

    @Test
    void hours_countOnlyCheckedInTime_cappedToTheShift_byStaffAndByAKioskCard() throws Exception {
        signUp("p0", "471100", 200);
        signUp("p1", "471101", 200);

        hub.clock.set(SHIFT_START.minus(Duration.ofMinutes(30)));
        assertEquals("shift_not_open", stamp("p0", "check-ins", 409).get("code").asText());
        hub.clock.set(SHIFT_START.minus(Duration.ofMinutes(10)));
        stamp("p0", "check-ins", 200); // early: credit starts at 09:00
        hub.clock.set(SHIFT_START.plus(Duration.ofHours(2)));
        stamp("p0", "check-outs", 200); // 120 minutes

        hub.clock.set(SHIFT_START.plus(Duration.ofHours(1)));
        try (KioskAgent kiosk = hub.agent("room-1")) { // room-1 drives z1, the shift's zone
            kiosk.event(
                    hub.clock.instant(),
                    new EventBody.EventCheckIn(
                            "kiosk-reader", CredentialKind.CARD_UID, EngagementFixture.card("04000001")));
            hub.await(
                    "/api/engagement/shifts/" + shift,
                    a -> a.json().path("signups").findValues("checkedInAt").size() == 2);
        }
        hub.clock.set(SHIFT_START.plus(Duration.ofHours(4))); // p1 never checked out: counted to 12:00

        JsonNode hours = hub.expect(
                200,
                "GET",
                "/api/engagement/volunteer-hours?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z",
                null,
                "");
        Map<String, Long> minutes = new HashMap<>();
        hours.forEach(
                h -> minutes.put(h.get("patronId").asText(), h.get("minutes").asLong()));
        assertEquals(Map.of("p0", 120L, "p1", 120L), minutes);
        JsonNode mine = hub.expect(200, "GET", "/pass/api/volunteering/hours", null, hub.signIn("p1", "471101"));
        assertEquals(120, mine.get(0).get("minutes").asLong());
        String csv = hub.get("/api/engagement/volunteer-hours?from=2026-11-01T00:00:00Z&format=csv")
                .text();
        assertTrue(csv.startsWith("patron,minutes,shifts\r\n") && csv.contains("p0,120,1\r\n"), csv);
    }

    @Test
    void credited_isCheckedInTimeWithinTheShift() {
        VolunteerShift v = new VolunteerShift(
                "vs-1", "Desk", "", SHIFT_START, SHIFT_START.plus(Duration.ofHours(3)), 1, Optional.empty());
        Instant later = SHIFT_START.plus(Duration.ofDays(1));

        assertEquals(Duration.ZERO, v.credited(Optional.empty(), Optional.empty(), later), "never checked in");
        assertEquals(
                Duration.ofHours(3),
                v.credited(
                        Optional.of(SHIFT_START.minus(Duration.ofHours(1))),
                        Optional.of(SHIFT_START.plus(Duration.ofHours(5))),
                        later),
                "capped at both ends");
        assertEquals(
                Duration.ofMinutes(45),
                v.credited(
                        Optional.of(SHIFT_START.plus(Duration.ofMinutes(15))),
                        Optional.of(SHIFT_START.plus(Duration.ofHours(1))),
                        later));
        assertEquals(
                Duration.ofMinutes(30),
                v.credited(Optional.of(SHIFT_START), Optional.empty(), SHIFT_START.plus(Duration.ofMinutes(30))),
                "still checked in: up to now");
        assertEquals(
                Duration.ZERO,
                v.credited(Optional.of(later), Optional.empty(), later.plusSeconds(60)),
                "checked in after the end");
    }

    @Test
    void badShift_isRefusedNamingTheField() throws Exception {
        EngagementFixture.Answer a = hub.send(
                "POST",
                "/api/engagement/shifts",
                "{\"title\":\"x\",\"startsAt\":\"2026-11-24T09:00:00Z\",\"endsAt\":\"2026-11-24T12:00:00Z\",\"slots\":0}");
        assertEquals(400, a.status());
        assertTrue(a.text().contains("'slots'"), a.text());
        assertEquals(
                404,
                hub.send("POST", "/api/engagement/shifts/vs-none/check-ins", "{\"patron\":\"p0\"}")
                        .status());
    }
}
