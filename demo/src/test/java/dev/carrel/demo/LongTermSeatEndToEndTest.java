package dev.carrel.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.agent.AgentConfig;
import dev.carrel.agent.AgentLayout;
import dev.carrel.agent.EdgeAgent;
import dev.carrel.agent.seats.SeatResult;
import dev.carrel.drivers.Hardware;
import dev.carrel.drivers.Presence;
import dev.carrel.drivers.fake.FakePresenceSensor;
import dev.carrel.hub.Hub;
import dev.carrel.hub.broker.BrokerUsers;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.CredentialKind;
import dev.carrel.protocol.SeatState;
import dev.carrel.protocol.WireJson;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's long-term seat end to end: a real hub with the reading room as a long-term area, and the demo's
 * reading room as a real edge agent. A hold taken on the pass API reaches the seat's agent as {@code seat}
 * HOLD: the desk is reserved, another patron's card is refused at it, the holder checks in and out and the
 * desk is reserved for them again; giving the seat up (RELEASE) frees it.
 */
class LongTermSeatEndToEndTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = WireJson.mapper();
    private final PassGateTest.MovableClock clock = new PassGateTest.MovableClock();
    private Hub hub;
    private EdgeAgent room;

    @AfterEach
    void stop() {
        if (room != null) {
            room.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void hold_reservesTheDeskForItsHolderOnly_untilItIsGivenUp() throws Exception {
        clock.set(LocalDateTime.parse("2026-11-23T09:50").atZone(BERLIN).toInstant());
        start();
        importPatrons();
        String zhang = signIn("2023004217", "4711");
        CredentialHash zhangCard = card("04A1B2C3");
        CredentialHash liCard = card("04A1B2C5");

        JsonNode hold = post("/pass/api/reservations/long-term", zhang, "{\"seat\":\"desk-03\",\"weeks\":4}", 201);
        awaitSeat(SeatState.RESERVED);
        assertEquals(
                zhangCard, room.seats().seat("desk-03").orElseThrow().patron().orElseThrow());

        SeatResult refused = room.seats().checkIn("desk-03", liCard, "desk_reader");
        assertEquals(
                SeatResult.Code.SEAT_RESERVED,
                assertInstanceOf(SeatResult.Refused.class, refused).code());

        room.devices()
                .find("desk-03-presence", FakePresenceSensor.class)
                .orElseThrow()
                .set(Presence.PRESENT);
        assertInstanceOf(SeatResult.Done.class, room.seats().checkIn("desk-03", zhangCard, "desk_reader"));
        assertEquals(
                SeatState.OCCUPIED, room.seats().seat("desk-03").orElseThrow().state());
        room.seats().checkOut("desk-03", zhangCard);
        assertEquals(
                SeatState.RESERVED, room.seats().seat("desk-03").orElseThrow().state(), "held for Zhang again");

        post("/pass/api/reservations/long-term/" + hold.get("id").asText() + "/cancel", zhang, "", 200);
        awaitSeat(SeatState.FREE);
        assertInstanceOf(SeatResult.Done.class, room.seats().checkIn("desk-03", liCard, "desk_reader"));
    }

    private CredentialHash card(String uid) throws Exception {
        return hub.access().orElseThrow().patrons().key().hash(CredentialKind.CARD_UID, uid);
    }

    private void start() throws Exception {
        Path secret = dir.resolve("site-secret");
        Files.createFile(secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secret, Base64.getEncoder().encodeToString(PatronGateTest.SECRET));
        hub = Hub.start(
                Config.just(ConfigSources.create(Map.ofEntries(
                        Map.entry("server.host", "127.0.0.1"),
                        Map.entry("server.port", "0"),
                        Map.entry("carrel.data-dir", dir.resolve("hub").toString()),
                        Map.entry("carrel.broker.host", "127.0.0.1"),
                        Map.entry("carrel.broker.port", "0"),
                        Map.entry("carrel.broker.persistent", "false"),
                        Map.entry("carrel.spaces-file", "classpath:spaces-demo.yaml"),
                        Map.entry("carrel.site.id", "demo-library"),
                        Map.entry("carrel.site.secret-file", secret.toString()),
                        Map.entry("carrel.passes.pin-iterations", "1000"),
                        Map.entry("carrel.passes.secure-cookie", "false"),
                        Map.entry("carrel.reservations.zones.reading-room-1.long-term", "true"),
                        Map.entry("carrel.reservations.sweep-every", "1h")))),
                clock);
        String name = DemoLibrary.READING_ROOM;
        AgentConfig config = new AgentConfig(
                AgentId.of(name),
                URI.create(hub.brokerUri()),
                hub.brokerUsers().issue(name, BrokerUsers.Role.AGENT),
                dir.resolve("agents").resolve(name),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                "test");
        AgentLayout.SiteSettings site = new AgentLayout.SiteSettings("demo-library", secret, List.of());
        room = EdgeAgent.start(config, DemoLibrary.layout(name, site), Hardware.none(), clock);
        PatronGateTest.await(room::connected, "the reading room to connect");
    }

    private void importPatrons() throws Exception {
        HttpResponse<String> r = http.send(
                request("/api/patrons/imports", "")
                        .POST(HttpRequest.BodyPublishers.ofString("id,name,group,card_uid,pin\n"
                                + "2023004217,Zhang San,undergraduate,04A1B2C3,4711\n"
                                + "2023004218,Li Si,undergraduate,04A1B2C5,2468\n"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        PatronGateTest.await(
                () -> send(request(location, "").GET().build()).body().contains("\"state\":\"done\""),
                "the import to finish");
    }

    private String signIn(String patron, String pin) throws Exception {
        HttpResponse<String> r = send(request("/pass/api/sign-in", "")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"patron\":\"" + patron + "\",\"pin\":\"" + pin + "\"}"))
                .build());
        assertEquals(204, r.statusCode(), r.body());
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private void awaitSeat(SeatState state) throws InterruptedException {
        PatronGateTest.await(
                () -> room.seats().seat("desk-03").orElseThrow().state() == state, "desk-03 to be " + state);
    }

    private JsonNode post(String path, String cookie, String body, int status) throws Exception {
        HttpResponse<String> r = send(request(path, cookie)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        assertEquals(status, r.statusCode(), path + ": " + r.body());
        return json.readTree(r.body());
    }

    private HttpRequest.Builder request(String path, String cookie) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path));
        if (!cookie.isEmpty()) {
            b.header("Cookie", cookie);
        }
        if (path.startsWith("/api/")) {
            b.header("Authorization", "Bearer " + hub.staff().issueToken("admin"));
        }
        return b;
    }

    private HttpResponse<String> send(HttpRequest r) {
        try {
            return http.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
