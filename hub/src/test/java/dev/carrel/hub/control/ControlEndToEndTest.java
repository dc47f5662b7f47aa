package dev.carrel.hub.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.hub.Hub;
import dev.carrel.hub.HubHttp;
import dev.carrel.hub.broker.BrokerUsers;
import dev.carrel.protocol.Endpoint;
import dev.carrel.protocol.Endpoint.Kind;
import dev.carrel.protocol.TwinDesired;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Control on real parts: the hub with its embedded broker, a SQLite file, agents on real MQTT connections,
 * and the REST API over HTTP. Zone z1 spans two agents: room-1 (desks 1-3) and room-2 (desk 4).
 */
class ControlEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final List<Endpoint> ROOM_1 = List.of(
            new Endpoint("desk-1-lamp", Kind.DIMMABLE_LAMP), new Endpoint("desk-1-outlet", Kind.OUTLET),
            new Endpoint("desk-2-lamp", Kind.DIMMABLE_LAMP), new Endpoint("desk-2-outlet", Kind.OUTLET),
            new Endpoint("desk-3-lamp", Kind.LAMP), new Endpoint("desk-3-outlet", Kind.OUTLET));
    private static final List<Endpoint> ROOM_2 =
            List.of(new Endpoint("desk-4-lamp", Kind.DIMMABLE_LAMP), new Endpoint("desk-4-outlet", Kind.OUTLET));
    private static final String ZONE_OFF =
            "{\"target\":{\"zone\":\"z1\"},\"lamp\":{\"on\":false},\"outlet\":{\"on\":false}%s}";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.now());
    private Hub hub;
    private Http api;

    @BeforeEach
    void start() throws Exception {
        hub = Hub.start(
                Config.just(ConfigSources.create(Map.of(
                        "server.host", "127.0.0.1",
                        "server.port", "0",
                        "carrel.data-dir", dir.resolve("hub").toString(),
                        "carrel.broker.host", "127.0.0.1",
                        "carrel.broker.port", "0",
                        "carrel.broker.persistent", "false",
                        "carrel.spaces-file", "classpath:spaces-test.yaml"))),
                clock);
        api = new Http(hub);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!hub.mqttConnected() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private FakeAgent agent(String id, List<Endpoint> endpoints) throws Exception {
        return new FakeAgent(hub.brokerUri(), id, hub.brokerUsers().issue(id, BrokerUsers.Role.AGENT), endpoints);
    }

    private static boolean allInState(JsonNode receipt, String state) {
        for (JsonNode c : receipt.get("commands")) {
            if (!c.get("state").asText().equals(state)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void zoneSwitchOff_reachesEveryLampAndOutlet_andTheApiShowsEachAcknowledgedState() throws Exception {
        try (FakeAgent room1 = agent("room-1", ROOM_1);
                FakeAgent room2 = agent("room-2", ROOM_2)) {
            api.await("/api/agents", a -> a.size() == 2, WAIT);
            // Every lamp on, as the agents report it.
            for (String d : List.of("desk-1", "desk-2", "desk-3")) {
                room1.event(new dev.carrel.protocol.EventBody.LampState(d + "-lamp", true, 80));
            }
            room2.event(new dev.carrel.protocol.EventBody.LampState("desk-4-lamp", true, 80));
            api.await(
                    "/api/spaces/zones/z1/state",
                    z -> z.get("seats").findValues("lamp").size() == 4,
                    WAIT);

            JsonNode receipt = api.json("POST", "/api/control", ZONE_OFF.formatted(""), 202);
            assertEquals(8, receipt.get("commands").size());
            assertTrue(allInState(receipt, "pending"));

            String id = receipt.get("requestId").asText();
            api.await("/api/control/" + id, r -> allInState(r, "applied"), WAIT);
            JsonNode zone = api.await(
                    "/api/spaces/zones/z1/state",
                    z -> {
                        for (JsonNode seat : z.get("seats")) {
                            if (seat.get("lamp").get("on").asBoolean()
                                    || !seat.has("outlet")
                                    || seat.get("outlet").get("on").asBoolean()) {
                                return false;
                            }
                        }
                        return true;
                    },
                    WAIT);
            assertEquals(4, zone.get("seats").size());
            assertEquals(
                    Map.of(
                            "desk-1-lamp",
                            false,
                            "desk-2-lamp",
                            false,
                            "desk-3-lamp",
                            false,
                            "desk-1-outlet",
                            false,
                            "desk-2-outlet",
                            false,
                            "desk-3-outlet",
                            false),
                    room1.on);
            assertEquals(Map.of("desk-4-lamp", false, "desk-4-outlet", false), room2.on);
            assertTrue(room1.commands.stream().allMatch(c -> c.expiresAt().isAfter(clock.instant())));
            String metrics = new HubHttp(hub.httpPort()).get("/observe/metrics").text();
            assertTrue(
                    metrics.contains("carrel_commands{scope=\"application\",state=\"applied\",} 8.0")
                            || metrics.matches("(?s).*carrel_commands\\{[^}]*state=\"applied\"[^}]*} 8\\.0.*"),
                    "commands by state in the metrics");
        }
    }

    @Test
    void offlineAgent_getsTheEffectThroughItsTwinWhenItReturns() throws Exception {
        try (FakeAgent room1 = agent("room-1", ROOM_1)) {
            JsonNode receipt = api.json("POST", "/api/control", ZONE_OFF.formatted(""), 202);
            String id = receipt.get("requestId").asText();
            api.await(
                    "/api/control/" + id,
                    r -> r.findValues("state").stream()
                                    .filter(s -> s.asText().equals("applied"))
                                    .count()
                            == 6,
                    WAIT);
            assertEquals(6, room1.on.size());
            for (JsonNode c : api.json("GET", "/api/control/" + id, null, 200).get("commands")) {
                String expected = c.get("agent").asText().equals("room-2") ? "pending" : "applied";
                assertEquals(expected, c.get("state").asText(), c.toString());
            }

            try (FakeAgent room2 = agent("room-2", ROOM_2)) {
                api.await("/api/control/" + id, r -> allInState(r, "applied"), WAIT);
                assertEquals(Map.of("desk-4-lamp", false, "desk-4-outlet", false), room2.on);
                JsonNode twin = api.await(
                        "/api/agents/room-2/twin", t -> t.get("inSync").asBoolean(), WAIT);
                assertEquals(
                        twin.get("desiredVersion").asLong(),
                        twin.get("appliedVersion").asLong());
                assertTrue(twin.get("diff").isEmpty());
            }
        }
    }

    @Test
    void expiredCommand_isNotAppliedByAnAgentThatReturnsLater() throws Exception {
        JsonNode receipt = api.json("POST", "/api/control", ZONE_OFF.formatted(",\"expiresInSeconds\":5"), 202);
        String id = receipt.get("requestId").asText();
        JsonNode before = api.json("GET", "/api/agents/room-2/twin", null, 200);
        assertEquals(
                false,
                before.get("desired").get("lamps").get("desk-4-lamp").get("on").asBoolean());

        clock.advance(Duration.ofSeconds(6));
        hub.facilities().outcomes().sweep();
        assertTrue(allInState(api.json("GET", "/api/control/" + id, null, 200), "expired"));
        JsonNode after = api.json("GET", "/api/agents/room-2/twin", null, 200);
        assertFalse(after.get("desired").has("lamps"), after.toString());
        assertTrue(after.get("desiredVersion").asLong()
                > before.get("desiredVersion").asLong());

        try (FakeAgent room2 = agent("room-2", ROOM_2)) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (room2.twins.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            TwinDesired got = room2.twins.getLast();
            assertEquals(after.get("desiredVersion").asLong(), got.version());
            assertTrue(room2.on.isEmpty(), "an expired command's effect reached the agent: " + room2.on);
            assertTrue(room2.commands.isEmpty());
        }
    }
}
