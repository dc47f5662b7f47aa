package dev.carrel.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.agent.AgentConfigFile;
import dev.carrel.agent.EdgeAgent;
import dev.carrel.drivers.Hardware;
import dev.carrel.hub.Hub;
import dev.carrel.provisioning.EnrolmentClient;
import dev.carrel.provisioning.EnrolmentGrant;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enrolment with an external Mosquitto: a second {@code /usr/sbin/mosquitto} that this test starts on a free
 * port with its own configuration (the machine's Mosquitto on 1883 is left alone), fed by the password and
 * ACL files the hub writes, and told to re-read them with SIGHUP.
 */
class MosquittoEnrolmentTest {
    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private Process mosquitto;
    private int port;
    private Hub hub;

    @BeforeEach
    void start() throws Exception {
        port = freePort();
        Path passwords = dir.resolve("passwd");
        Path acl = dir.resolve("acl");
        Files.writeString(passwords, "");
        Files.writeString(acl, "");
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(
                conf,
                String.join(
                        "\n",
                        "listener " + port + " 127.0.0.1",
                        "allow_anonymous false",
                        "password_file " + passwords,
                        "acl_file " + acl,
                        "use_username_as_clientid true",
                        "persistence false",
                        "log_dest stderr",
                        // Run as root (CI), Mosquitto would drop to the mosquitto user, who cannot read this test's
                        // files.
                        "user " + System.getProperty("user.name"),
                        ""));
        mosquitto = new ProcessBuilder("/usr/sbin/mosquitto", "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile())
                .start();
        Files.writeString(dir.resolve("mosquitto.pid"), Long.toString(mosquitto.pid()));
        awaitPort();
        hub = Hub.start(
                Config.just(ConfigSources.create(Map.of(
                        "server.host",
                        "127.0.0.1",
                        "server.port",
                        "0",
                        "carrel.data-dir",
                        dir.resolve("hub").toString(),
                        "carrel.broker.mode",
                        "external",
                        "carrel.broker.url",
                        "tcp://127.0.0.1:" + port,
                        "carrel.broker.user",
                        "carrel-hub",
                        "carrel.broker.password",
                        UUID.randomUUID().toString(),
                        "carrel.broker.mosquitto.password-file",
                        passwords.toString(),
                        "carrel.broker.mosquitto.acl-file",
                        acl.toString(),
                        "carrel.broker.mosquitto.pid-file",
                        dir.resolve("mosquitto.pid").toString()))),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
        mosquitto.destroy();
        mosquitto.waitFor(5, TimeUnit.SECONDS);
    }

    @Test
    void enrolledAgent_isOnlineThroughMosquitto_staysOnItsOwnTopics_andIsRefusedOnceRevoked() throws Exception {
        EnrolmentGrant a = enrol("reading-room", "floor-1", dir.resolve("a"));
        EnrolmentGrant b = enrol("room-door", "room-7", dir.resolve("b"));
        assertTrue(Files.readString(dir.resolve("passwd")).contains(a.agentId() + ":$7$101$"), "not in $7$ format");

        Path yaml = dir.resolve("a").resolve("agent.yaml");
        try (EdgeAgent agent = EdgeAgent.start(
                AgentConfigFile.read(yaml, "test"),
                AgentConfigFile.readLayout(yaml),
                Hardware.none(),
                Clock.systemUTC())) {
            new HubApi(hub).awaitAgent(a.agentId(), HubApi.online(1), Duration.ofSeconds(15));
            assertTrue(agent.connected());
        }

        MqttClient alice = connect(a);
        MqttClient bob = connect(b);
        try {
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            String mine = "carrel/v1/agents/" + a.agentId() + "/cmd/";
            alice.setCallback(new Received(seen));
            alice.subscribe(new MqttSubscription[] {new MqttSubscription(mine + "#", 1)}, null);
            alice.publish(mine + "own", "own".getBytes(StandardCharsets.UTF_8), 1, false);
            assertEquals("own", seen.poll(5, TimeUnit.SECONDS), "an agent could not use its own topics");

            bob.publish(mine + "forged", "forged".getBytes(StandardCharsets.UTF_8), 1, false);
            assertNull(seen.poll(1, TimeUnit.SECONDS), "another agent published on this agent's topics");
            // Mosquitto grants a wildcard subscription and checks read access per message (2.0.11), so look
            // at what arrives rather than at the SUBACK.
            BlockingQueue<String> bobSaw = new LinkedBlockingQueue<>();
            bob.setCallback(new Received(bobSaw));
            bob.subscribe(new MqttSubscription[] {new MqttSubscription(mine + "#", 1)}, null);
            alice.publish(mine + "private", "private".getBytes(StandardCharsets.UTF_8), 1, false);
            assertEquals("private", seen.poll(5, TimeUnit.SECONDS));
            assertNull(bobSaw.poll(1, TimeUnit.SECONDS), "another agent read this agent's topics");
        } finally {
            alice.disconnect();
            alice.close(true);
            bob.disconnect();
            bob.close(true);
        }

        HttpResponse<String> revoked = post("/api/devices/" + b.agentId() + "/revoke", "");
        assertEquals(200, revoked.statusCode(), revoked.body());
        assertTrue(!Files.readString(dir.resolve("passwd")).contains(b.agentId() + ":"), "still in the file");
        awaitRefused(b);
        connect(a).disconnect(); // the other agent is untouched
    }

    private EnrolmentGrant enrol(String role, String zone, Path data) throws Exception {
        HttpResponse<String> res =
                post("/api/enrolment/tokens", "{\"role\":\"" + role + "\",\"zone\":\"" + zone + "\"}");
        assertEquals(200, res.statusCode(), res.body());
        JsonNode token = json.readTree(res.body());
        return new EnrolmentClient()
                .enrol(
                        URI.create("http://127.0.0.1:" + hub.httpPort()),
                        token.get("token").asText(),
                        data,
                        data.resolve("agent.yaml"))
                .grant();
    }

    /** Mosquitto re-reads its files after SIGHUP in its own time: a revoked user is refused within a second. */
    private void awaitRefused(EnrolmentGrant g) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                MqttClient c = connect(g);
                c.disconnect();
                c.close(true);
                Thread.sleep(100);
            } catch (MqttException e) {
                return;
            }
        }
        assertThrows(MqttException.class, () -> connect(g), "a revoked agent still connects");
    }

    private MqttClient connect(EnrolmentGrant g) throws MqttException {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(g.agentId());
        o.setPassword(g.brokerPassword().getBytes(StandardCharsets.UTF_8));
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, g.agentId(), new MemoryPersistence());
        try {
            client.connect(o);
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
        return client;
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path))
                        .header("Authorization", "Bearer " + hub.staff().issueToken("admin"))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void awaitPort() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertTrue(s.isConnected());
                return;
            } catch (java.io.IOException e) {
                assertTrue(mosquitto.isAlive(), () -> "mosquitto exited: " + log());
                Thread.sleep(50);
            }
        }
        throw new AssertionError("mosquitto did not listen on " + port + ": " + log());
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("mosquitto.log"));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Hands arriving payloads to the test. */
    private record Received(BlockingQueue<String> seen) implements org.eclipse.paho.mqttv5.client.MqttCallback {
        @Override
        public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage m) {
            seen.add(new String(m.getPayload(), StandardCharsets.UTF_8));
        }

        @Override
        public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {}

        @Override
        public void mqttErrorOccurred(MqttException e) {}

        @Override
        public void deliveryComplete(IMqttToken t) {}

        @Override
        public void connectComplete(boolean reconnect, String uri) {}

        @Override
        public void authPacketArrived(int reason, org.eclipse.paho.mqttv5.common.packet.MqttProperties p) {}
    }
}
