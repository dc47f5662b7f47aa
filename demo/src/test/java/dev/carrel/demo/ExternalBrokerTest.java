package dev.carrel.demo;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.carrel.agent.AgentConfig;
import dev.carrel.agent.EdgeAgent;
import dev.carrel.drivers.Hardware;
import dev.carrel.hub.Hub;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Endpoint;
import dev.carrel.protocol.Topic;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub against an external broker: the Mosquitto 2 that this machine runs on 127.0.0.1:1883 (anonymous
 * on loopback). Same topics, same ingest; only the broker differs.
 */
class ExternalBrokerTest {
    private static final String MOSQUITTO = "tcp://127.0.0.1:1883";

    @TempDir
    Path dir;

    @Test
    void hubOnMosquitto_seesAgentOnline_thenOfflineByItsWill() throws Exception {
        assumeTrue(reachable(), "no MQTT broker on 127.0.0.1:1883");
        // A fresh id per run: Mosquitto keeps retained status messages across runs.
        String id = "ext-" + UUID.randomUUID().toString().substring(0, 8);
        Config config = Config.just(ConfigSources.create(Map.of(
                "server.host", "127.0.0.1",
                "server.port", "0",
                "carrel.data-dir", dir.resolve("hub").toString(),
                "carrel.broker.mode", "external",
                "carrel.broker.url", MOSQUITTO,
                "carrel.broker.user", "carrel-hub-test",
                "carrel.broker.password", "not-checked-by-this-mosquitto")));
        try (Hub hub = Hub.start(config, Clock.systemUTC())) {
            HubApi api = new HubApi(hub);
            AgentConfig agentConfig = new AgentConfig(
                    AgentId.of(id),
                    URI.create(MOSQUITTO),
                    "unused",
                    dir.resolve("agent"),
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(1),
                    "test");
            EdgeAgent agent = EdgeAgent.start(
                    agentConfig,
                    SimulatedLayout.of(List.of(new Endpoint("lamp-1", Endpoint.Kind.LAMP))),
                    Hardware.none(),
                    Clock.systemUTC());
            try {
                api.awaitAgent(id, HubApi.online(1), Duration.ofSeconds(10));
                agent.crash();
                api.awaitAgent(id, HubApi.offline(), Duration.ofSeconds(5));
            } finally {
                agent.crash();
                clearRetained(Topic.status(AgentId.of(id)));
            }
        }
    }

    private static boolean reachable() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 1883), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** An empty retained payload deletes the retained message (MQTT 5 §3.3.1.3). */
    private static void clearRetained(Topic topic) throws Exception {
        MqttClient client = new MqttClient(MOSQUITTO, "carrel-test-cleaner", new MemoryPersistence());
        try {
            client.connect();
            client.publish(topic.toString(), new byte[0], 1, true);
            client.disconnect();
        } finally {
            client.close(true);
        }
    }
}
