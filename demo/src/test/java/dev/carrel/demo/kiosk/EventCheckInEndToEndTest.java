package dev.carrel.demo.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.agent.AgentLayout;
import dev.carrel.agent.EdgeAgent;
import dev.carrel.agent.kiosk.KioskProfile;
import dev.carrel.agent.seats.SeatRules;
import dev.carrel.drivers.CredentialKind;
import dev.carrel.drivers.config.EndpointSpec;
import dev.carrel.drivers.fake.FakeCredentialReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, event check-in end to end: a real hub with patrons and an event, an edge agent whose kiosk is in
 * {@code event} mode with its own (simulated) reader. A registered patron's card, and another's mobile pass
 * from the pass page, tapped at the kiosk become {@code event_check_in} events through the agent's outbox and
 * the broker, and the hub records their attendance, by card and by QR.
 */
class EventCheckInEndToEndTest {
    @TempDir
    Path dir;

    private PassHub hub;
    private EdgeAgent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void cardAndPassAtAnEventKiosk_checkRegisteredPatronsIn() throws Exception {
        AgentLayout.SiteSettings site = KioskRig.site(dir);
        hub = PassHub.start(dir, site, Clock.systemUTC());
        hub.importPatrons("id,name,group,card_uid,pin\nu1,Ann Lee,undergraduate,04A1B2C3,4711\n"
                + "u2,Bo Chen,postgraduate,04000002,2468\n");
        Instant start = Instant.now().plus(Duration.ofMinutes(10));
        JsonNode created = hub.send(
                "POST",
                "/api/engagement/events",
                "{\"title\":\"Workshop: citation managers\",\"kind\":\"workshop\",\"capacity\":10,\"startsAt\":\""
                        + start + "\",\"endsAt\":\"" + start.plus(Duration.ofHours(1)) + "\"}",
                "",
                201);
        String event = created.get("event").get("id").asText();
        String ann = hub.signIn("u1", "4711");
        String bo = hub.signIn("u2", "2468");
        hub.send("POST", "/pass/api/events/" + event + "/registration", "{}", ann, 200);
        hub.send("POST", "/pass/api/events/" + event + "/registration", "{}", bo, 200);
        String pass =
                hub.send("GET", "/pass/api/current", null, bo, 200).get("pass").asText();

        agent = KioskRig.start(
                KioskRig.config("hall-kiosk", dir.resolve("hall-kiosk"), Optional.of(hub.hub())), hall(site));
        KioskRig.awaitOnline(agent);
        FakeCredentialReader reader = KioskRig.reader(agent, "kiosk-reader");
        reader.present(CredentialKind.CARD_UID, "04a1b2c3");
        reader.present(CredentialKind.QR, pass);

        JsonNode registrations = awaitCheckIns(event, 2);
        assertEquals("card", checkedInBy(registrations, "u1"));
        assertEquals("qr", checkedInBy(registrations, "u2"));
        JsonNode counts = hub.send("GET", "/api/engagement/events/" + event, null, "", 200)
                .get("counts");
        assertEquals(2, counts.get("checkedIn").asInt());
    }

    /** A hall with an event kiosk and its card and QR reader. */
    private static AgentLayout hall(AgentLayout.SiteSettings site) {
        return new AgentLayout(
                List.of(new EndpointSpec("kiosk-reader", "fake-reader", Map.of())),
                List.of(),
                SeatRules.DEFAULTS,
                Optional.of(KioskRig.kiosk(KioskProfile.Mode.EVENT, "en", Optional.of("kiosk-reader"))),
                Optional.of(site),
                Optional.empty());
    }

    private JsonNode awaitCheckIns(String event, int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = hub.send("GET", "/api/engagement/events/" + event + "/registrations", null, "", 200);
            int checked = 0;
            for (JsonNode r : last) {
                checked += r.hasNonNull("checkedInAt") ? 1 : 0;
            }
            if (checked == n) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not " + n + " checked in; last: " + last);
    }

    private static String checkedInBy(JsonNode registrations, String patron) {
        for (JsonNode r : registrations) {
            if (r.get("patronId").asText().equals(patron)) {
                return r.path("checkedInBy").asText();
            }
        }
        return "";
    }
}
