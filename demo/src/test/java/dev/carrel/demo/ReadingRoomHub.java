package dev.carrel.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.agent.AgentConfig;
import dev.carrel.agent.AgentLayout;
import dev.carrel.agent.EdgeAgent;
import dev.carrel.drivers.Hardware;
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
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reservation end-to-end tests' rig: a real hub on the demo's library (patrons, pass sign-in,
 * reservations; the sweep only when a test calls it) and the demo's reading room as a real edge agent, both
 * on the test's clock; with the two patrons the tests book for and the HTTP calls they make. Staff calls
 * ({@code /api/…}) carry an admin's API token; pass calls the patron's session cookie.
 */
final class ReadingRoomHub implements AutoCloseable {
    /** Zhang San (card 04A1B2C3, PIN 4711) and Li Si (card 04A1B2C5, PIN 2468), undergraduates. */
    static final String PATRONS = "id,name,group,card_uid,pin\n"
            + "2023004217,Zhang San,undergraduate,04A1B2C3,4711\n"
            + "2023004218,Li Si,undergraduate,04A1B2C5,2468\n";

    final Hub hub;
    final EdgeAgent room;
    private final String staff;
    private final Path dir;
    private final Clock clock;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = WireJson.mapper();
    private final List<EdgeAgent> others = new java.util.ArrayList<>();

    private ReadingRoomHub(Hub hub, EdgeAgent room, Path dir, Clock clock) {
        this.hub = hub;
        this.room = room;
        this.dir = dir;
        this.clock = clock;
        this.staff = "Bearer " + hub.staff().issueToken("admin");
    }

    /** Starts both; {@code extra} adds hub configuration keys (a zone's reservation rules, say). */
    static ReadingRoomHub start(Path dir, Clock clock, Map<String, String> extra) throws Exception {
        Path secret = dir.resolve("site-secret");
        Files.createFile(secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secret, Base64.getEncoder().encodeToString(PatronGateTest.SECRET));
        Map<String, String> keys = new HashMap<>(Map.ofEntries(
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
                Map.entry("carrel.reservations.sweep-every", "1h")));
        keys.putAll(extra);
        Hub hub = Hub.start(Config.just(ConfigSources.create(keys)), clock);
        try {
            EdgeAgent room = agent(hub, DemoLibrary.READING_ROOM, dir, clock);
            return new ReadingRoomHub(hub, room, dir, clock);
        } catch (Exception | Error e) {
            hub.close();
            throw e;
        }
    }

    /** The demo's agent {@code name} on the rig's hub, site and clock, connected. */
    private static EdgeAgent agent(Hub hub, String name, Path dir, Clock clock) throws Exception {
        AgentConfig config = new AgentConfig(
                AgentId.of(name),
                URI.create(hub.brokerUri()),
                hub.brokerUsers().issue(name, BrokerUsers.Role.AGENT),
                dir.resolve("agents").resolve(name),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                "test");
        AgentLayout.SiteSettings site =
                new AgentLayout.SiteSettings("demo-library", dir.resolve("site-secret"), List.of());
        EdgeAgent agent = EdgeAgent.start(config, DemoLibrary.layout(name, site), Hardware.none(), clock);
        PatronGateTest.await(agent::connected, name + " to connect");
        return agent;
    }

    /** Starts the discussion room's door agent too (room-a), closed with the rig. */
    EdgeAgent door() throws Exception {
        EdgeAgent door = agent(hub, DemoLibrary.DISCUSSION_ROOM, dir, clock);
        others.add(door);
        return door;
    }

    /** The credential hash of a campus card, as the site hashes it. */
    CredentialHash card(String uid) throws Exception {
        return hub.access().orElseThrow().patrons().key().hash(CredentialKind.CARD_UID, uid);
    }

    /** Imports {@link #PATRONS} through the staff API and waits until the import is done. */
    void importPatrons() throws Exception {
        HttpResponse<String> r = send(request("/api/patrons/imports", "")
                .POST(HttpRequest.BodyPublishers.ofString(PATRONS))
                .build());
        assertEquals(202, r.statusCode(), r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        PatronGateTest.await(
                () -> send(request(location, "").GET().build()).body().contains("\"state\":\"done\""),
                "the import to finish");
    }

    /** Signs the patron in on the pass page; returns the session cookie. */
    String signIn(String patron, String pin) {
        HttpResponse<String> r = send(request("/pass/api/sign-in", "")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"patron\":\"" + patron + "\",\"pin\":\"" + pin + "\"}"))
                .build());
        assertEquals(204, r.statusCode(), r.body());
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    void awaitSeat(String seat, SeatState state) throws InterruptedException {
        PatronGateTest.await(() -> room.seats().seat(seat).orElseThrow().state() == state, seat + " to be " + state);
    }

    JsonNode post(String path, String cookie, String body, int status) {
        HttpResponse<String> r = send(request(path, cookie)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        assertEquals(status, r.statusCode(), path + ": " + r.body());
        return read(r.body());
    }

    JsonNode get(String path, String cookie, int status) {
        HttpResponse<String> r = send(request(path, cookie).GET().build());
        assertEquals(status, r.statusCode(), path + ": " + r.body());
        return read(r.body());
    }

    private HttpRequest.Builder request(String path, String cookie) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path));
        if (!cookie.isEmpty()) {
            b.header("Cookie", cookie);
        }
        if (path.startsWith("/api/")) {
            b.header("Authorization", staff);
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

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        others.forEach(EdgeAgent::close);
        room.close();
        hub.close();
    }
}
