package dev.carrel.demo.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.agent.AgentLayout;
import dev.carrel.agent.EdgeAgent;
import dev.carrel.agent.seats.SeatResult;
import dev.carrel.hub.Hub;
import dev.carrel.hub.reservations.Booking;
import dev.carrel.hub.reservations.Reservations;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.CredentialHash;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the kiosks show from the hub, end to end: the demo library's hub, its reading room as a real agent, and
 * a gate and a discussion room door that have kiosks. Seats checked in at the reading room lower the free
 * count on the gate's idle screen; a room booked at the hub appears on the room's door screen with its group
 * size and join code (docs/kiosk.md, "From the hub").
 */
class KioskFeedEndToEndTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    @Test
    void gateShowsFreeSeatsPerZone_andTheRoomDoorShowsTodaysBookings_fromTheHub() throws Exception {
        Hub hub = started(Hub.start(
                Config.just(ConfigSources.create(Map.of(
                        "server.host", "127.0.0.1",
                        "server.port", "0",
                        "carrel.data-dir", dir.resolve("hub").toString(),
                        "carrel.broker.host", "127.0.0.1",
                        "carrel.broker.port", "0",
                        "carrel.broker.persistent", "false",
                        "carrel.spaces-file", "classpath:spaces-demo.yaml",
                        "carrel.reservations.sweep-every", "1h"))),
                Clock.fixed(
                        LocalDateTime.parse("2026-11-23T09:50").atZone(BERLIN).toInstant(), BERLIN)));
        AgentLayout.SiteSettings site = KioskRig.site(dir);
        EdgeAgent readingRoom = agent(hub, "reading-room-1", KioskRig.readingRoom(24, site));
        EdgeAgent gate = agent(hub, "gate-1", KioskRig.gate(site));
        EdgeAgent door = agent(hub, "discussion-room-1", KioskRig.room(site));
        for (String desk : List.of("desk-01", "desk-02", "desk-03")) {
            assertInstanceOf(
                    SeatResult.Done.class,
                    readingRoom.seats().checkIn(desk, new CredentialHash("a".repeat(63) + desk.charAt(6)), "kiosk"));
        }
        Booking room = hub.reservations()
                .reservations()
                .book(
                        "2023004217",
                        new Reservations.Request(
                                Booking.Kind.ROOM,
                                "discussion-room-1",
                                Optional.of(LocalDateTime.parse("2026-11-23T10:00")
                                        .atZone(BERLIN)
                                        .toInstant()),
                                60));

        JsonNode zone = awaitKiosk(hub, gate, k -> freeIn(k, "reading-room-1") == 21)
                .path("zones")
                .get(0);
        assertEquals("Reading room", zone.path("name").path("en").asText());
        assertEquals(24, zone.path("total").asInt());
        JsonNode bookings =
                awaitKiosk(hub, door, k -> k.path("bookings").size() == 1).path("bookings");
        assertEquals("10:00", bookings.get(0).path("from").asText());
        assertEquals("11:00", bookings.get(0).path("to").asText());
        assertEquals(room.minGroup(), bookings.get(0).path("size").asInt());
        assertEquals(
                room.joinCode().orElseThrow(), bookings.get(0).path("joinCode").asText());
        JsonNode rules = awaitKiosk(hub, door, k -> k.has("room")).path("room");
        assertEquals(30, rules.path("minMinutes").asInt(), rules.toString());
        assertEquals(120, rules.path("maxMinutes").asInt());
        assertEquals(room.minGroup(), rules.path("groupSize").asInt());
        assertEquals(15, rules.path("formationMinutes").asInt());

        long version = hub.facilities().twins().view(AgentId.of("gate-1")).desiredVersion();
        hub.facilities().kiosks().refresh();
        assertEquals(
                version,
                hub.facilities().twins().view(AgentId.of("gate-1")).desiredVersion(),
                "nothing changed, so the twin is not changed either");
        readingRoom.seats().checkOut("desk-02", new CredentialHash("a".repeat(63) + "2"));
        assertEquals(22, freeIn(awaitKiosk(hub, gate, k -> freeIn(k, "reading-room-1") == 22), "reading-room-1"));
    }

    private Hub started(Hub hub) {
        open.add(hub);
        return hub;
    }

    private EdgeAgent agent(Hub hub, String id, AgentLayout layout) throws Exception {
        EdgeAgent agent = KioskRig.start(KioskRig.config(id, dir.resolve(id), Optional.of(hub)), layout);
        open.add(agent);
        KioskRig.awaitOnline(agent);
        return agent;
    }

    /** Refreshes the hub's kiosk feed until the agent's own kiosk API shows what the test waits for. */
    private JsonNode awaitKiosk(Hub hub, EdgeAgent agent, Predicate<JsonNode> until) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonNode kiosk = json.nullNode();
        while (System.nanoTime() < deadline) {
            hub.facilities().kiosks().refresh();
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + agent.kioskPort().orElseThrow() + "/api/kiosk"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            kiosk = json.readTree(r.body());
            if (until.test(kiosk)) {
                return kiosk;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the kiosk of " + agent.config().id() + " never showed it: " + kiosk);
    }

    private static int freeIn(JsonNode kiosk, String zone) {
        for (JsonNode z : kiosk.path("zones")) {
            if (z.path("id").asText().equals(zone)) {
                return z.path("free").asInt();
            }
        }
        assertTrue(kiosk.path("zones").isArray(), String.valueOf(kiosk));
        return -1;
    }
}
