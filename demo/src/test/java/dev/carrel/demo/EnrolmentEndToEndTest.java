package dev.carrel.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.agent.AgentConfig;
import dev.carrel.agent.AgentConfigFile;
import dev.carrel.agent.EdgeAgent;
import dev.carrel.drivers.Hardware;
import dev.carrel.hub.Hub;
import dev.carrel.provisioning.EnrolmentClient;
import dev.carrel.provisioning.EnrolmentException;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enrolment end to end on real parts: the hub with its embedded broker and a credentials file, enrolment over
 * HTTP by the agent's own client, the agent started from the YAML it wrote, and revocation at the broker.
 */
class EnrolmentEndToEndTest {
    @TempDir
    Path dir;

    private final ForwardClock clock = new ForwardClock(Instant.parse("2026-11-23T08:00:00Z"));
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private Path credentials;
    private Hub hub;
    private HubApi api;

    @BeforeEach
    void startHub() throws Exception {
        credentials = dir.resolve("broker-credentials");
        Files.writeString(credentials, "# none yet\n");
        hub = Hub.start(
                Config.just(ConfigSources.create(Map.of(
                        "server.host", "127.0.0.1",
                        "server.port", "0",
                        "carrel.data-dir", dir.resolve("hub").toString(),
                        "carrel.broker.host", "127.0.0.1",
                        "carrel.broker.port", "0",
                        "carrel.broker.persistent", "false",
                        "carrel.broker.credentials-file", credentials.toString()))),
                clock);
        api = new HubApi(hub);
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    @Test
    void enrolledAgent_startsFromItsConfig_isOnline_thenRevoked_isCutOffAndRefused() throws Exception {
        JsonNode token = createToken("reading-room", "floor-2", null);
        assertTrue(token.get("qrSvg").asText().startsWith("<svg"), token.toString());
        assertEquals("open", token.get("state").asText());

        Path data = dir.resolve("agent");
        Path yaml = dir.resolve("etc").resolve("agent.yaml");
        var enrolled = new EnrolmentClient().enrol(hubUri(), token.get("token").asText(), data, yaml);
        String id = enrolled.grant().agentId();
        assertTrue(id.startsWith("reading-room-floor-2-"), id);
        for (Path secret : new Path[] {yaml, data.resolve("identity.key"), data.resolve("enrolment.json")}) {
            assertEquals(
                    "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)), secret + "");
        }
        assertTrue(Files.readString(credentials).contains(id + " = agent:sha256:"), "seat not persisted");
        assertEquals("used", tokens().get(0).get("state").asText());

        AgentConfig config = AgentConfigFile.read(yaml, "test");
        try (EdgeAgent agent =
                EdgeAgent.start(config, AgentConfigFile.readLayout(yaml), Hardware.none(), Clock.systemUTC())) {
            api.awaitAgent(id, HubApi.online(1), Duration.ofSeconds(10));

            HttpResponse<String> revoked = post("/api/devices/" + id + "/revoke", "");
            assertEquals(200, revoked.statusCode(), revoked.body());
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (agent.connected() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertFalse(agent.connected(), "a revoked agent stayed connected");
            assertThrows(MqttException.class, () -> connect(id, config.password()));
            assertFalse(Files.readString(credentials).contains(id + " ="), "seat still in the credentials file");
            Thread.sleep(1_500); // the agent's own reconnect attempts meanwhile must fail too
            assertFalse(agent.connected(), "a revoked agent got back in");
        }
        JsonNode devices = json.readTree(api.get("/api/devices").body());
        assertEquals(id, devices.get(0).get("agentId").asText());
        assertTrue(devices.get(0).hasNonNull("revokedAt"), devices.toString());
    }

    @Test
    void tokenErrors_reused409_expired410_wrong401_revoked410_areLoggedAndWriteNothing() throws Exception {
        String used = createToken("gate-kiosk", "lobby", null).get("token").asText();
        new EnrolmentClient().enrol(hubUri(), used, dir.resolve("first"), dir.resolve("first/agent.yaml"));

        assertRefused(used, 409, "already used");
        assertRefused("cet1-" + "A".repeat(43), 401, "unknown enrolment token");
        String expiring = createToken("room-door", "room-101", 1).get("token").asText();
        clock.forward(Duration.ofHours(2));
        assertRefused(expiring, 410, "expired");
        JsonNode revoked = createToken("room-door", "room-102", null);
        assertEquals(
                200,
                delete("/api/enrolment/tokens/" + revoked.get("id").asText()).statusCode());
        assertRefused(revoked.get("token").asText(), 410, "revoked");

        assertEquals(
                400,
                post("/api/enrolment/tokens", "{\"role\":\"toaster\",\"zone\":\"x\"}")
                        .statusCode());
        assertEquals(4, refusalsLogged());
    }

    private void assertRefused(String token, int status, String why) throws Exception {
        Path data = dir.resolve("refused-" + status + "-" + why.length());
        EnrolmentException e = assertThrows(EnrolmentException.class, () -> new EnrolmentClient()
                .enrol(hubUri(), token, data, data.resolve("agent.yaml")));
        assertEquals(status, e.status(), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertFalse(Files.exists(data), "a refused enrolment wrote files");
    }

    private JsonNode createToken(String role, String zone, Integer hours) throws Exception {
        String body = "{\"role\":\"" + role + "\",\"zone\":\"" + zone + "\""
                + (hours == null ? "" : ",\"expiresInHours\":" + hours) + "}";
        HttpResponse<String> res = post("/api/enrolment/tokens", body);
        assertEquals(200, res.statusCode(), res.body());
        return json.readTree(res.body());
    }

    private JsonNode tokens() throws Exception {
        return json.readTree(api.get("/api/enrolment/tokens").body());
    }

    private URI hubUri() {
        return URI.create("http://127.0.0.1:" + hub.httpPort());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(hubUri().resolve(path))
                        .header("Authorization", "Bearer " + hub.staff().issueToken("admin"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> delete(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(hubUri().resolve(path))
                        .header("Authorization", "Bearer " + hub.staff().issueToken("admin"))
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void connect(String id, String password) throws MqttException {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(id);
        o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        MqttClient client = new MqttClient(hub.brokerUri(), id, new MemoryPersistence());
        try {
            client.connect(o);
            client.disconnect();
        } finally {
            client.close(true);
        }
    }

    private int refusalsLogged() throws Exception {
        Path db = dir.resolve("hub").resolve("carrel-hub.db");
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
                var rs = c.createStatement()
                        .executeQuery("SELECT count(*) FROM enrolment_log WHERE action = 'refused'")) {
            return rs.getInt(1);
        }
    }

    /** A clock a test moves forward, to expire a token without waiting an hour. */
    static final class ForwardClock extends Clock {
        private volatile Instant now;

        ForwardClock(Instant start) {
            this.now = start;
        }

        void forward(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
