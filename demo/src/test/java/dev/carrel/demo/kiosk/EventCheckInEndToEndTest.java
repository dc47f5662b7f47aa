package dev.carrel.demo.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.agent.AgentLayout;
import dev.carrel.agent.EdgeAgent;
import dev.carrel.agent.kiosk.KioskProfile;
import dev.carrel.agent.seats.SeatRules;
import dev.carrel.drivers.CredentialKind;
import dev.carrel.drivers.config.EndpointSpec;
import dev.carrel.drivers.fake.FakeCredentialReader;
import dev.carrel.hub.Hub;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Hub hub;
    private EdgeAgent agent;
    private String staffToken;

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
        hub = Hub.start(
                Config.just(ConfigSources.create(Map.of(
                        "server.host", "127.0.0.1",
                        "server.port", "0",
                        "carrel.data-dir", dir.resolve("hub").toString(),
                        "carrel.broker.host", "127.0.0.1",
                        "carrel.broker.port", "0",
                        "carrel.broker.persistent", "false",
                        "carrel.site.id", KioskRig.SITE,
                        "carrel.site.secret-file", site.secretFile().toString(),
                        "carrel.passes.pin-iterations", "1000",
                        "carrel.passes.secure-cookie", "false"))),
                Clock.systemUTC());
        staffToken = hub.staff().issueToken("admin");
        importPatrons("id,name,group,card_uid,pin\nu1,Ann Lee,undergraduate,04A1B2C3,4711\n"
                + "u2,Bo Chen,postgraduate,04000002,2468\n");
        Instant start = Instant.now().plus(Duration.ofMinutes(10));
        JsonNode created = send(
                "POST",
                "/api/engagement/events",
                "{\"title\":\"Workshop: citation managers\",\"kind\":\"workshop\",\"capacity\":10,\"startsAt\":\""
                        + start + "\",\"endsAt\":\"" + start.plus(Duration.ofHours(1)) + "\"}",
                "",
                201);
        String event = created.get("event").get("id").asText();
        String ann = signIn("u1", "4711");
        String bo = signIn("u2", "2468");
        send("POST", "/pass/api/events/" + event + "/registration", "{}", ann, 200);
        send("POST", "/pass/api/events/" + event + "/registration", "{}", bo, 200);
        String pass =
                send("GET", "/pass/api/current", null, bo, 200).get("pass").asText();

        agent = KioskRig.start(KioskRig.config("hall-kiosk", dir.resolve("hall-kiosk"), Optional.of(hub)), hall(site));
        KioskRig.awaitOnline(agent);
        FakeCredentialReader reader = KioskRig.reader(agent, "kiosk-reader");
        reader.present(CredentialKind.CARD_UID, "04a1b2c3");
        reader.present(CredentialKind.QR, pass);

        JsonNode registrations = awaitCheckIns(event, 2);
        assertEquals("card", checkedInBy(registrations, "u1"));
        assertEquals("qr", checkedInBy(registrations, "u2"));
        JsonNode counts =
                send("GET", "/api/engagement/events/" + event, null, "", 200).get("counts");
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
            last = send("GET", "/api/engagement/events/" + event + "/registrations", null, "", 200);
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

    private void importPatrons(String csv) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(uri("/api/patrons/imports"))
                        .header("Authorization", "Bearer " + staffToken)
                        .POST(HttpRequest.BodyPublishers.ofString(csv))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!send("GET", location, null, "", 200).path("state").asText().equals("done")) {
            assertTrue(System.nanoTime() < deadline, "import done");
            Thread.sleep(50);
        }
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

    private JsonNode send(String method, String path, String body, String cookie, int status) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (!cookie.isEmpty()) {
            b.header("Cookie", cookie);
        }
        if (path.startsWith("/api/")) {
            b.header("Authorization", "Bearer " + staffToken);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), method + " " + path + ": " + r.body());
        return json.readTree(r.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + hub.httpPort() + path);
    }
}
