package dev.carrel.hub.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.hub.Hub;
import dev.carrel.hub.broker.BrokerUsers;
import dev.carrel.protocol.CommandBody;
import dev.carrel.protocol.Endpoint;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.Telemetry;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the dashboard's fleet pages need beyond the registry: maintenance commands to an agent, every agent's
 * newest telemetry sample in one request, and an agent's recent events; on a real hub, broker and HTTP.
 */
class AgentMaintenanceApiTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Hub hub;
    private Http api;
    private FakeAgent room;

    @BeforeEach
    void start() throws Exception {
        hub = Hub.start(
                Config.just(ConfigSources.create(Map.of(
                        "server.host", "127.0.0.1",
                        "server.port", "0",
                        "carrel.data-dir", dir.resolve("hub").toString(),
                        "carrel.broker.host", "127.0.0.1",
                        "carrel.broker.port", "0",
                        "carrel.broker.persistent", "false"))),
                java.time.Clock.systemUTC());
        api = new Http(hub);
        room = new FakeAgent(
                hub.brokerUri(),
                "room-1",
                hub.brokerUsers().issue("room-1", BrokerUsers.Role.AGENT),
                List.of(new Endpoint("desk-1-lamp", Endpoint.Kind.LAMP)));
        api.await("/api/agents", a -> a.size() == 1, WAIT);
    }

    @AfterEach
    void stop() throws Exception {
        room.close();
        hub.close();
    }

    @Test
    void identify_isSentToTheAgentWithItsSecondsAndAnExpiry() throws Exception {
        JsonNode sent =
                api.json("POST", "/api/agents/room-1/commands", "{\"command\":\"identify\",\"seconds\":7}", 202);
        assertEquals("identify", sent.get("command").asText());
        assertEquals("room-1", sent.get("agent").asText());
        awaitCommand(sent.get("id").asText());
        var command = room.commands.stream()
                .filter(c -> c.id().toString().equals(sent.get("id").asText()))
                .findFirst()
                .orElseThrow();
        assertEquals(new CommandBody.Identify(7), command.body());
        assertTrue(command.expiresAt().isAfter(Instant.now()));
    }

    @Test
    void reloadAndSync_areSent_andSettledByTheAgentsReply() throws Exception {
        for (String name : List.of("reload", "sync")) {
            JsonNode sent = api.json("POST", "/api/agents/room-1/commands", "{\"command\":\"" + name + "\"}", 202);
            assertEquals("pending", sent.get("state").asText());
            awaitCommand(sent.get("id").asText());
            // The agent's reply settles it, as a switch's does.
            JsonNode settled = api.await(
                    "/api/control/" + sent.get("id").asText(),
                    r -> r.get("commands").get(0).get("state").asText().equals("applied"),
                    WAIT);
            assertEquals(name, settled.get("commands").get(0).get("command").asText());
        }
        assertEquals(
                List.of(new CommandBody.Reload(), new CommandBody.Sync()),
                room.commands.stream().map(c -> c.body()).toList());
    }

    @Test
    void badCommands_areRefusedNamingTheField_andNothingIsSent() throws Exception {
        assertTrue(api.json("POST", "/api/agents/room-1/commands", "{\"command\":\"reboot\"}", 400)
                .get("error")
                .asText()
                .startsWith("command:"));
        assertTrue(api.json("POST", "/api/agents/room-1/commands", "{\"command\":\"identify\",\"seconds\":0}", 400)
                .get("error")
                .asText()
                .startsWith("seconds:"));
        api.json("POST", "/api/agents/room-1/commands", "[]", 400);
        api.json("POST", "/api/agents/nobody/commands", "{\"command\":\"sync\"}", 404);
        // A command that was sent would arrive before this one: the agent got only the last.
        JsonNode last = api.json("POST", "/api/agents/room-1/commands", "{\"command\":\"sync\"}", 202);
        awaitCommand(last.get("id").asText());
        assertEquals(1, room.commands.size());
    }

    @Test
    void latestTelemetry_isEachAgentsNewestSample() throws Exception {
        Instant t0 = Instant.now().minusSeconds(10);
        for (int i = 0; i < 3; i++) {
            room.send(new Telemetry(
                    t0.plusSeconds(i),
                    100 + i,
                    1_000 + i,
                    4_000,
                    Optional.of(50.0 + i),
                    i,
                    0,
                    Optional.of(70_000_000L),
                    Optional.of(3L)));
        }
        JsonNode latest = api.await(
                "/api/telemetry/latest",
                l -> l.path("room-1").path("uptimeSeconds").asLong() == 102,
                WAIT);
        JsonNode sample = latest.get("room-1");
        assertEquals(52.0, sample.get("cpuTemperatureC").asDouble());
        assertEquals(2, sample.get("outboxDepth").asLong());
        assertEquals(70_000_000L, sample.get("residentBytes").asLong());
        assertEquals(1, latest.size());
    }

    @Test
    void events_areTheAgentsNewestFirst_limitedAndChecked() throws Exception {
        room.event(new EventBody.LampState("desk-1-lamp", true, 100));
        room.event(new EventBody.LampState("desk-1-lamp", false, 0));
        JsonNode events = api.await("/api/agents/room-1/events", e -> e.size() == 2, WAIT);
        assertEquals("lamp_state", events.get(0).get("type").asText());
        assertEquals(false, events.get(0).get("body").get("on").asBoolean());
        assertEquals(
                1,
                api.json("GET", "/api/agents/room-1/events?limit=1", null, 200).size());
        assertTrue(api.json("GET", "/api/agents/room-1/events?limit=0", null, 400)
                .get("error")
                .asText()
                .startsWith("limit:"));
    }

    private void awaitCommand(String id) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (room.commands.stream().noneMatch(c -> c.id().toString().equals(id))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the agent never got command " + id);
            }
            Thread.sleep(20);
        }
    }
}
