package dev.carrel.hub.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.hub.Hub;
import dev.carrel.hub.HubHttp;
import dev.carrel.hub.broker.BrokerUsers;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Message;
import dev.carrel.protocol.Status;
import dev.carrel.protocol.Telemetry;
import dev.carrel.protocol.WireCodec;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitoring API and meters of a running hub, fed by an agent over its embedded broker. */
class MonitoringApiTest {
    private static final AgentId AGENT = AgentId.of("reading-room-2");

    @TempDir
    Path dir;

    private final WireCodec codec = new WireCodec();
    private Hub hub;
    private HubHttp api;
    private MqttClient agent;

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
                        "carrel.monitoring.high-temperature-c", "70"))),
                Clock.systemUTC());
        api = new HubHttp(hub);
        String secret = hub.brokerUsers().issue(AGENT.value(), BrokerUsers.Role.AGENT);
        agent = new MqttClient(hub.brokerUri(), AGENT.value(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(AGENT.value());
        o.setPassword(secret.getBytes(StandardCharsets.UTF_8));
        agent.connect(o);
        publish(new Status.Birth(1, "1.0.0", List.of(), Instant.now()));
        api.await(
                "/api/agents/" + AGENT,
                a -> a.status() == 200 && a.body().get("online").asBoolean(),
                Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() throws Exception {
        agent.disconnectForcibly(1_000);
        agent.close(true);
        hub.close();
    }

    @Test
    void deadLetters_listsARefusedPayloadWithItsReason_andCountsIt() throws Exception {
        agent.publish(
                "carrel/v1/agents/reading-room-2/telemetry", "{\"v\":2}".getBytes(StandardCharsets.UTF_8), 1, false);

        HubHttp.Answer answer = api.await(
                "/api/dead-letters?agent=reading-room-2&limit=5", a -> a.body().size() == 1, Duration.ofSeconds(10));

        JsonNode letter = answer.body().get(0);
        assertEquals("reading-room-2", letter.get("agent").asText());
        assertEquals(
                "carrel/v1/agents/reading-room-2/telemetry", letter.get("topic").asText());
        assertEquals("v", letter.get("field").asText());
        assertTrue(letter.get("reason").asText().contains("schema version 2"), letter.toString());
        assertEquals("{\"v\":2}", letter.get("payload").asText());
        assertEquals(0, api.get("/api/dead-letters?agent=gate-1").body().size());
        assertEquals(400, api.get("/api/dead-letters?limit=0").status());
        assertTrue(metrics().contains("carrel_ingest_dead_letters_total"), "dead letters are counted");
    }

    @Test
    void alerts_openFromTelemetry_thenAcknowledgeAndResolveThroughTheApi() throws Exception {
        publish(new Telemetry(Instant.now(), 10, 1 << 20, 1 << 24, Optional.of(75.5), 0, 0));

        JsonNode alert = api.await("/api/alerts?state=open", a -> a.body().size() == 1, Duration.ofSeconds(10))
                .body()
                .get(0);
        long id = alert.get("id").asLong();
        assertEquals("high_temperature", alert.get("kind").asText());
        assertEquals("reading-room-2", alert.get("agent").asText());

        HubHttp.Answer ack = api.post("/api/alerts/" + id + "/acknowledge");
        assertEquals(200, ack.status(), ack.text());
        assertEquals("acknowledged", ack.body().get("state").asText());
        assertEquals(1, api.get("/api/alerts?state=acknowledged").body().size());

        HubHttp.Answer resolve = api.post("/api/alerts/" + id + "/resolve");
        assertEquals(200, resolve.status());
        assertEquals("resolved", resolve.body().get("state").asText());
        assertEquals("staff", resolve.body().get("resolution").asText());

        assertEquals(409, api.post("/api/alerts/" + id + "/acknowledge").status());
        assertEquals(200, api.post("/api/alerts/" + id + "/resolve").status(), "resolving twice changes nothing");
        assertEquals(404, api.post("/api/alerts/999999/resolve").status());
        assertEquals(400, api.post("/api/alerts/abc/resolve").status());
        assertEquals(400, api.get("/api/alerts?state=closed").status());
        assertTrue(
                api.get("/api/alerts?state=closed").body().get("error").asText().contains("state"));
    }

    @Test
    void telemetry_answersTheAgentsSamplesInARange() throws Exception {
        Instant ts = Instant.now().minusSeconds(5);
        publish(new Telemetry(
                ts, 10, 4096, 1 << 24, Optional.of(41.0), 3, 0, Optional.of(75_000_000L), Optional.of(4L)));

        JsonNode history = api.await(
                        "/api/agents/reading-room-2/telemetry?from=" + ts.minusSeconds(60),
                        a -> a.status() == 200 && a.body().get("samples").size() == 1,
                        Duration.ofSeconds(10))
                .body();

        JsonNode sample = history.get("samples").get(0);
        assertEquals(4096, sample.get("heapUsedBytes").asLong());
        assertEquals(41.0, sample.get("cpuTemperatureC").asDouble());
        assertEquals(3, sample.get("outboxDepth").asLong());
        assertEquals(75_000_000L, sample.get("residentBytes").asLong());
        assertEquals(4, sample.get("brokerRttMillis").asLong());
        assertEquals(0, history.get("buckets").size());
        assertEquals(
                400, api.get("/api/agents/reading-room-2/telemetry?from=soon").status());
        assertEquals(
                400,
                api.get("/api/agents/reading-room-2/telemetry?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")
                        .status());
        assertEquals(400, api.get("/api/agents/Reading%20Room/telemetry").status());
    }

    @Test
    void metrics_exportIngestRateCommitLatencyDeadLettersAndAgentsOnline() throws Exception {
        String text = metrics();

        assertTrue(text.contains("carrel_ingest_accepted_total"), "ingest rate counter" + "\n" + text);
        assertTrue(text.contains("carrel_store_commit_seconds"), "group-commit timer" + "\n" + text);
        assertTrue(text.contains("carrel_ingest_latency_seconds"), "arrival-to-ack timer" + "\n" + text);
        assertTrue(text.contains("quantile=\"0.99\""), "p99 is published" + "\n" + text);
        assertTrue(
                java.util.regex.Pattern.compile("(?m)^carrel_agents_online(\\{[^}]*\\})? 1\\.0$")
                        .matcher(text)
                        .find(),
                "one agent online:\n" + text);
    }

    @Test
    void agents_showEventsMissingPerAgent() throws Exception {
        JsonNode view = api.get("/api/agents/reading-room-2").body();

        assertEquals(0, view.get("eventsMissing").asLong());
        assertEquals(-1, view.get("lastSeq").asLong());
    }

    private String metrics() throws Exception {
        return api.get("/observe/metrics").text();
    }

    private void publish(Message message) throws Exception {
        // Status is retained, as agents publish it, so the hub gets it even if it subscribes a moment later.
        agent.publish(
                WireCodec.topicFor(AGENT, message).toString(), codec.encode(message), 1, message instanceof Status);
    }
}
