package dev.carrel.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.agent.gate.Allowlist;
import dev.carrel.agent.gate.AllowlistSync;
import dev.carrel.agent.gate.Authority;
import dev.carrel.agent.gate.CredentialHasher;
import dev.carrel.agent.gate.Gate;
import dev.carrel.agent.gate.GateConfig;
import dev.carrel.agent.gate.GateEffects;
import dev.carrel.agent.gate.MqttHubAuthoriser;
import dev.carrel.agent.gate.PassVerifier;
import dev.carrel.agent.gate.RecordingKioskNotifier;
import dev.carrel.agent.gate.Reminders;
import dev.carrel.agent.gate.SiteSecret;
import dev.carrel.agent.gate.Verdict;
import dev.carrel.agent.mqtt.AgentConnection;
import dev.carrel.agent.mqtt.SessionCounter;
import dev.carrel.drivers.CredentialKind;
import dev.carrel.drivers.SystemScheduler;
import dev.carrel.drivers.fake.FakeCredentialReader;
import dev.carrel.drivers.fake.FakeGateActuator;
import dev.carrel.drivers.fake.FakeIndicator;
import dev.carrel.hub.Hub;
import dev.carrel.hub.broker.BrokerUsers;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Endpoint;
import dev.carrel.protocol.EventBody.GateDecision.Decision;
import dev.carrel.protocol.EventBody.GateDecision.Reason;
import dev.carrel.protocol.EventBody.GateDecision.Source;
import dev.carrel.protocol.Status;
import dev.carrel.protocol.Topic;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, "Done when", on real parts: the hub with its patron registry (CSV import over REST), its embedded
 * broker, and a gate made of the edge agent's own classes (allow-list file, sync, authoriser, hasher) on
 * its own MQTT connection. Both hash with the same site secret file.
 */
class PatronGateTest {
    static final String GATE = "gate-north";
    static final byte[] SECRET = "demo-site-secret-for-tests-only!".getBytes(StandardCharsets.US_ASCII);
    static final String CSV = """
            id,name,group,college,card_uid,wiegand
            2023004217,Zhang San,undergraduate,Wolfson,04:A1:B2:C3,
            2023004218,Ada Lovelace,faculty,,04A1B2C5,090:00324
            """;

    @TempDir
    Path dir;

    private Hub hub;
    private AgentConnection connection;
    private Allowlist allowlist;
    private Gate gate;
    private final SystemScheduler time = new SystemScheduler();
    private final ExecutorService deltas = Executors.newSingleThreadExecutor();
    private final FakeCredentialReader reader = new FakeCredentialReader("reader-1");
    private final RecordingKioskNotifier kiosk = new RecordingKioskNotifier();
    private final HttpClient http = HttpClient.newHttpClient();
    private String auth = "";

    @AfterEach
    void stop() {
        if (connection != null) {
            connection.close();
        }
        if (hub != null) {
            hub.close();
        }
        if (allowlist != null) {
            allowlist.close();
        }
        deltas.shutdownNow();
        time.close();
    }

    @Test
    void newCard_worksOnFirstTap_throughOnlineAuthorisation_suspendedIsRefusedByTheHub() throws Exception {
        startHub();
        // Born without a gate endpoint: the hub sends it no allow-list, so every card is new to it.
        startGate(List.of());
        importCsv(CSV);

        Verdict zhang = tap(CredentialKind.CARD_UID, "04a1b2c3");
        assertEquals(Decision.ALLOW, zhang.decision());
        assertEquals(Reason.HUB_ALLOWED, zhang.reason());
        assertEquals(Source.HUB, zhang.source());
        assertEquals("Zhang S.", zhang.greeting().orElseThrow());

        post("/api/patrons/2023004218/suspend");
        Verdict ada = tap(CredentialKind.WIEGAND, "90:324");
        assertEquals(Reason.SUSPENDED, ada.reason());
        assertEquals(Source.HUB, ada.source());
        assertEquals(
                Reason.UNKNOWN_CREDENTIAL,
                tap(CredentialKind.CARD_UID, "04DEAD00").reason());
        assertEquals(0, allowlist.version());
    }

    @Test
    void suspension_reachesTheGateWithinSeconds_andIsRefusedOfflineOnceSynced() throws Exception {
        startHub();
        importCsv(CSV);
        startGate(List.of(new Endpoint("gate-relay", Endpoint.Kind.GATE)));
        await(() -> allowlist.version() > 0, "the gate gets a snapshot at its birth");

        long before = allowlist.version();
        long t0 = System.nanoTime();
        post("/api/patrons/2023004218/suspend");
        await(() -> allowlist.version() > before, "the suspension reaches the gate");
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(millis < 5_000, "suspension took " + millis + " ms");
        System.out.println("suspension reached the gate in " + millis + " ms");

        hub.close();
        hub = null;
        await(() -> !connection.connected(), "the gate notices the hub is gone");

        Verdict zhang = tap(CredentialKind.CARD_UID, "04A1B2C3");
        assertEquals(Reason.ALLOW_LISTED, zhang.reason());
        assertEquals("Zhang S.", zhang.greeting().orElseThrow());
        Verdict ada = tap(CredentialKind.CARD_UID, "04A1B2C5");
        assertEquals(Decision.DENY, ada.decision());
        assertEquals(Reason.SUSPENDED, ada.reason());
        assertEquals(Source.LOCAL, ada.source());
        assertEquals(Reason.SUSPENDED, tap(CredentialKind.WIEGAND, "90:324").reason());
    }

    private void startHub() throws Exception {
        hub = GateAgentRig.hub(dir, Map.of());
        auth = "Bearer " + hub.staff().issueToken("admin");
    }

    private void startGate(List<Endpoint> endpoints) throws Exception {
        connection = new AgentConnection(
                AgentId.of(GATE),
                hub.brokerUri(),
                hub.brokerUsers().issue(GATE, BrokerUsers.Role.AGENT),
                Duration.ofSeconds(2),
                new SessionCounter(dir.resolve("agent").resolve("session")),
                session -> new Status.Birth(
                        session, "test", endpoints, Clock.systemUTC().instant()));
        GateConfig config =
                GateConfig.of(GATE, SiteSecret.of(SECRET), "main-library", List.of(), GateConfig.Fallback.DENY);
        allowlist = Allowlist.open(dir.resolve("gate-allowlist.db"));
        MqttHubAuthoriser authoriser = MqttHubAuthoriser.over(connection);
        AllowlistSync sync = new AllowlistSync(allowlist, deltas, (have, from) -> {});
        connection.on(Topic.Kind.RESPONSE, authoriser::onResponse);
        connection.on(Topic.Kind.CREDENTIALS, sync::onDelta);
        Authority authority = new Authority(config, allowlist, new PassVerifier(config, time), authoriser, time);
        gate = new Gate(
                config,
                new CredentialHasher(SiteSecret.of(SECRET)),
                authority,
                new GateEffects(
                        new FakeGateActuator("gate-relay"),
                        new FakeIndicator("gate-led"),
                        kiosk,
                        Reminders.NONE,
                        e -> {}));
        gate.attach(reader);
        connection.start();
        await(connection::connected, "the gate connects");
    }

    private void importCsv(String csv) throws Exception {
        HttpResponse<String> started = http.send(
                HttpRequest.newBuilder(uri("/api/patrons/imports"))
                        .header("Authorization", auth)
                        .header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofString(csv))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, started.statusCode(), started.body());
        String location = started.headers().firstValue("Location").orElseThrow();
        List<String> seen = new ArrayList<>();
        await(
                () -> {
                    String body = get(location);
                    seen.add(body);
                    return body.contains("\"state\":\"done\"");
                },
                "the import finishes");
        assertTrue(seen.getLast().contains("\"added\":2"), seen.getLast());
    }

    private String get(String path) {
        try {
            return http.send(
                            HttpRequest.newBuilder(uri(path))
                                    .header("Authorization", auth)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void post(String path) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Authorization", auth)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + hub.httpPort() + path);
    }

    private Verdict tap(CredentialKind kind, String value) throws Exception {
        return gate.present(new dev.carrel.drivers.Credential(kind, value, reader.id(), time.now()))
                .get(5, TimeUnit.SECONDS);
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(20);
        }
    }
}
