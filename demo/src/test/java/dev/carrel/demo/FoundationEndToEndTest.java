package dev.carrel.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.agent.AgentConfig;
import dev.carrel.agent.EdgeAgent;
import dev.carrel.drivers.Hardware;
import dev.carrel.hub.Hub;
import dev.carrel.hub.broker.BrokerUsers;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Endpoint;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.Status;
import dev.carrel.protocol.Topic;
import dev.carrel.protocol.WireCodec;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The foundation's slice on real parts: Helidon hub, embedded Moquette broker on a free port, a SQLite file,
 * Paho agents, and the REST API over HTTP.
 */
class FoundationEndToEndTest {
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(2);
    private static final String ROOM = "reading-room-9";

    @TempDir
    Path dir;

    private Hub hub;
    private HubApi api;
    private final WireCodec codec = new WireCodec();

    @BeforeEach
    void startHub() throws Exception {
        hub = Hub.start(
                Config.just(ConfigSources.create(Map.of(
                        "server.host", "127.0.0.1",
                        "server.port", "0",
                        "carrel.data-dir", dir.resolve("hub").toString(),
                        "carrel.broker.host", "127.0.0.1",
                        "carrel.broker.port", "0",
                        "carrel.broker.persistent", "false"))),
                Clock.systemUTC());
        api = new HubApi(hub);
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    @Test
    void agentLifecycle_onlineKilledOfflineBackWithHigherSession_lateWillIgnored() throws Exception {
        String secret = hub.brokerUsers().issue(ROOM, BrokerUsers.Role.AGENT);
        URI broker = URI.create(hub.brokerUri());
        Path agentData = dir.resolve("agent");

        // Up: the agent reaches the broker through a relay we can freeze.
        try (TcpRelay relay = new TcpRelay(new InetSocketAddress(broker.getHost(), broker.getPort()))) {
            EdgeAgent first = EdgeAgent.start(
                    config(secret, "tcp://127.0.0.1:" + relay.port(), agentData),
                    SimulatedLayout.of(endpoints()),
                    Hardware.none(),
                    Clock.systemUTC());
            api.awaitAgent(ROOM, HubApi.online(1), Duration.ofSeconds(10));
            JsonNode seen = api.agent(ROOM).orElseThrow();
            assertEquals(3, seen.get("endpoints").size());
            assertEquals("test", seen.get("version").asText());

            // Killed: power lost, the network hangs; only the broker's keep-alive timer can notice.
            relay.freeze();
            first.crash();
            Duration offlineAfter = api.awaitAgent(ROOM, HubApi.offline(), Duration.ofSeconds(10));
            long limit = KEEP_ALIVE.toMillis() * 3 / 2 + 1_500; // 1.5 × keep-alive, plus polling and broker tick
            assertTrue(offlineAfter.toMillis() <= limit, "offline after " + offlineAfter.toMillis() + " ms > " + limit);
            assertEquals(1, api.agent(ROOM).orElseThrow().get("session").asLong());
        }

        // Back: a restarted agent reads its counter from disk and comes up with session 2.
        try (EdgeAgent second = EdgeAgent.start(
                config(secret, hub.brokerUri(), agentData),
                SimulatedLayout.of(endpoints()),
                Hardware.none(),
                Clock.systemUTC())) {
            api.awaitAgent(ROOM, HubApi.online(2), Duration.ofSeconds(10));
            assertEquals(2, second.session());

            // A Last Will of session 1 arriving late changes nothing.
            long before = hub.ingestMetrics().acceptedCount();
            publishAsHub(Topic.status(AgentId.of(ROOM)), codec.encode(new Status.Death(1)), true);
            awaitAccepted(before + 1);
            JsonNode after = api.agent(ROOM).orElseThrow();
            assertTrue(after.get("online").asBoolean(), "a late will marked the agent offline: " + after);
            assertEquals(2, after.get("session").asLong());

            // A will of the current session does mark it offline: the rule is about sessions, not ignoring wills.
            publishAsHub(Topic.status(AgentId.of(ROOM)), codec.encode(new Status.Death(2)), false);
            api.awaitAgent(ROOM, HubApi.offline(), Duration.ofSeconds(5));
        }
    }

    @Test
    void birthOfALargeReadingRoom_over8KiB_arrives() throws Exception {
        String secret = hub.brokerUsers().issue(ROOM, BrokerUsers.Role.AGENT);
        List<Endpoint> many = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            many.add(new Endpoint(String.format("desk-%03d-lamp", i), Endpoint.Kind.DIMMABLE_LAMP));
        }
        try (EdgeAgent agent = EdgeAgent.start(
                config(secret, hub.brokerUri(), dir.resolve("big")),
                SimulatedLayout.of(many),
                Hardware.none(),
                Clock.systemUTC())) {
            api.awaitAgent(ROOM, HubApi.online(1), Duration.ofSeconds(10));
            assertEquals(300, api.agent(ROOM).orElseThrow().get("endpoints").size());
            assertEquals(300, agent.devices().endpoints().size());
        }
    }

    @Test
    void killedAgent_socketDropsWithoutDisconnect_isOfflineAtOnce() throws Exception {
        String secret = hub.brokerUsers().issue(ROOM, BrokerUsers.Role.AGENT);
        EdgeAgent agent = EdgeAgent.start(
                config(secret, hub.brokerUri(), dir.resolve("a")),
                SimulatedLayout.of(endpoints()),
                Hardware.none(),
                Clock.systemUTC());
        api.awaitAgent(ROOM, HubApi.online(1), Duration.ofSeconds(10));
        agent.crash();
        Duration offlineAfter = api.awaitAgent(ROOM, HubApi.offline(), Duration.ofSeconds(5));
        assertTrue(offlineAfter.toMillis() < KEEP_ALIVE.toMillis(), "the will should not wait for the keep-alive");
    }

    @Test
    void malformedPayload_isCountedAndChangesNothing() throws Exception {
        String secret = hub.brokerUsers().issue(ROOM, BrokerUsers.Role.AGENT);
        // No telemetry during the test: lastSeen must move only if a rejected message wrongly touched it.
        Duration quiet = Duration.ofHours(1);
        try (EdgeAgent agent = EdgeAgent.start(
                config(secret, hub.brokerUri(), dir.resolve("a"), quiet),
                SimulatedLayout.of(endpoints()),
                Hardware.none(),
                Clock.systemUTC())) {
            api.awaitAgent(ROOM, HubApi.online(1), Duration.ofSeconds(10));
            agent.events().publish(new EventBody.LampState("desk-01-lamp", true, 80));
            awaitEvents(1);
            JsonNode before = api.agent(ROOM).orElseThrow();
            long rejected = hub.ingestMetrics().rejected();

            AgentId id = AgentId.of(ROOM);
            publishAsHub(
                    Topic.event(id, "lamp_state"),
                    "{\"v\":1,\"type\":\"lamp_state\",\"body\":".getBytes(StandardCharsets.UTF_8),
                    false);
            publishAsHub(Topic.event(id, "lamp_state"), garbage(), false);
            publishAsHub(
                    Topic.status(id),
                    "{\"v\":1,\"online\":false,\"session\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                    false);
            publishAsHub(Topic.event(id, "fault"), "{\"v\":9}".getBytes(StandardCharsets.UTF_8), false);

            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (hub.ingestMetrics().rejected() < rejected + 4 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(rejected + 4, hub.ingestMetrics().rejected());
            JsonNode after = api.agent(ROOM).orElseThrow();
            assertEquals(before.get("online"), after.get("online"));
            assertEquals(before.get("session"), after.get("session"));
            assertEquals(before.get("lastSeen"), after.get("lastSeen"), "a rejected message must not count as seen");
            assertEquals(1, storedEvents());
            assertTrue(api.get("/observe/metrics").body().contains("carrel_ingest_rejected_total{cause=\"payload\""));
        }
    }

    @Test
    void restApi_badAgentId_is400_unknownAgent_is404_health_isUp() throws Exception {
        assertEquals(400, api.get("/api/agents/Not+Valid").statusCode());
        assertEquals(404, api.get("/api/agents/nobody").statusCode());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!hub.mqttConnected() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        var health = api.get("/observe/health");
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
    }

    @Test
    void brokerRefuses_wrongSecret_andAgentsOutsideTheirOwnPrefix() throws Exception {
        hub.brokerUsers().issue(ROOM, BrokerUsers.Role.AGENT);
        MqttConnectionOptions wrong = new MqttConnectionOptions();
        wrong.setUserName(ROOM);
        wrong.setPassword("guess".getBytes(StandardCharsets.UTF_8));
        MqttClient client = new MqttClient(hub.brokerUri(), ROOM, new MemoryPersistence());
        try {
            org.junit.jupiter.api.Assertions.assertThrows(
                    org.eclipse.paho.mqttv5.common.MqttException.class, () -> client.connect(wrong));
        } finally {
            client.close(true);
        }
    }

    private AgentConfig config(String secret, String brokerUri, Path data) {
        return config(secret, brokerUri, data, Duration.ofSeconds(1));
    }

    private AgentConfig config(String secret, String brokerUri, Path data, Duration telemetry) {
        return new AgentConfig(AgentId.of(ROOM), URI.create(brokerUri), secret, data, KEEP_ALIVE, telemetry, "test");
    }

    private static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("desk-01-lamp", Endpoint.Kind.DIMMABLE_LAMP),
                new Endpoint("desk-01-outlet", Endpoint.Kind.OUTLET),
                new Endpoint("desk-01-presence", Endpoint.Kind.PRESENCE_SENSOR));
    }

    /** Publishes as a hub-role client: the way a broker would deliver a late will, or a broken agent's bytes. */
    private void publishAsHub(Topic topic, byte[] payload, boolean retained) throws Exception {
        String secret = hub.brokerUsers().issue("test-publisher", BrokerUsers.Role.HUB);
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName("test-publisher");
        o.setPassword(secret.getBytes(StandardCharsets.UTF_8));
        MqttClient client = new MqttClient(hub.brokerUri(), "test-publisher", new MemoryPersistence());
        try {
            client.connect(o);
            MqttMessage m = new MqttMessage(payload);
            m.setQos(1);
            m.setRetained(retained);
            client.publish(topic.toString(), m);
            client.disconnect();
        } finally {
            client.close(true);
        }
    }

    private static byte[] garbage() {
        byte[] bytes = new byte[64];
        new java.util.Random(3).nextBytes(bytes);
        return bytes;
    }

    private void awaitAccepted(long count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (hub.ingestMetrics().acceptedCount() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(hub.ingestMetrics().acceptedCount() >= count, "ingest did not take the message");
    }

    private void awaitEvents(int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (storedEvents() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(count, storedEvents());
    }

    /** Reads the hub's SQLite file directly: what was committed, not what the API says. */
    private int storedEvents() throws Exception {
        Path db = dir.resolve("hub").resolve("carrel-hub.db");
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
                var rs = c.createStatement().executeQuery("SELECT count(*) FROM events")) {
            return rs.getInt(1);
        }
    }
}
