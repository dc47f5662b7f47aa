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
import dev.carrel.protocol.AllowlistDelta;
import dev.carrel.protocol.AuthorisationRequest;
import dev.carrel.protocol.AuthorisationResponse;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.EventBody.GateDecision.Decision;
import dev.carrel.protocol.EventBody.GateDecision.Reason;
import dev.carrel.protocol.EventBody.GateDecision.Source;
import dev.carrel.protocol.MobilePass;
import dev.carrel.protocol.Status;
import dev.carrel.protocol.Topic;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate on real parts (issue 6, "Done when"): the hub's embedded broker, the agent's own MQTT connection,
 * a SQLite allow-list file, and a hub-role Paho client standing in for the hub's authorisation service (it
 * answers {@code requests/authorise} and sends allow-list deltas as the hub will).
 */
class GateAuthorisationTest {
    static final String GATE = "gate-north";
    static final SiteSecret SECRET =
            SiteSecret.of("demo-site-secret-for-tests-only!".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    @TempDir
    Path dir;

    private Hub hub;
    private AgentConnection connection;
    private GateHubStandIn standIn;
    private Allowlist allowlist;
    private Gate gate;
    private final SystemScheduler time = new SystemScheduler();
    private final ExecutorService deltas = Executors.newSingleThreadExecutor();
    private final FakeCredentialReader reader = new FakeCredentialReader("reader-1");
    private final FakeGateActuator relay = new FakeGateActuator("gate-relay");
    private final RecordingKioskNotifier kiosk = new RecordingKioskNotifier();
    private final List<EventBody> events = Collections.synchronizedList(new ArrayList<>());
    private final List<long[]> snapshotRequests = Collections.synchronizedList(new ArrayList<>());
    private final KeyPair passKey = keyPair();

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
                Clock.systemUTC());
        standIn = GateHubStandIn.connect(hub.brokerUri(), hub.brokerUsers().issue("gate-hub", BrokerUsers.Role.HUB));
        connection = new AgentConnection(
                AgentId.of(GATE),
                hub.brokerUri(),
                hub.brokerUsers().issue(GATE, BrokerUsers.Role.AGENT),
                Duration.ofSeconds(2),
                new SessionCounter(dir.resolve("agent").resolve("session")),
                session -> new Status.Birth(
                        session, "test", List.of(), Clock.systemUTC().instant()));
        GateConfig config = new GateConfig(
                GATE,
                SECRET,
                "main-library",
                List.of(passKey.getPublic()),
                Duration.ofSeconds(5),
                Duration.ofMillis(800),
                GateConfig.Fallback.DENY);
        allowlist = Allowlist.open(dir.resolve("gate-allowlist.db"));
        MqttHubAuthoriser authoriser = MqttHubAuthoriser.over(connection);
        AllowlistSync sync =
                new AllowlistSync(allowlist, deltas, (have, from) -> snapshotRequests.add(new long[] {have, from}));
        connection.on(Topic.Kind.RESPONSE, authoriser::onResponse);
        connection.on(Topic.Kind.CREDENTIALS, sync::onDelta);
        Authority authority = new Authority(config, allowlist, new PassVerifier(config, time), authoriser, time);
        gate = new Gate(
                config,
                new CredentialHasher(SECRET),
                authority,
                new GateEffects(relay, new FakeIndicator("gate-led"), kiosk, Reminders.NONE, events::add));
        gate.attach(reader);
        connection.start();
        await(connection::connected, "the gate's agent connects");
    }

    @AfterEach
    void stop() {
        connection.close();
        standIn.close();
        hub.close();
        allowlist.close();
        deltas.shutdownNow();
        time.close();
    }

    @Test
    void newCard_firstTap_isAllowedThroughOnlineAuthorisation() throws Exception {
        CredentialHash card = hash("04C0FFEE");
        standIn.answer(request -> request.credential().equals(card)
                ? new AuthorisationResponse(card, Decision.ALLOW, Reason.HUB_ALLOWED, Optional.of("Zhang S."), 0)
                : new AuthorisationResponse(
                        request.credential(), Decision.DENY, Reason.UNKNOWN_CREDENTIAL, Optional.empty(), 0));

        Verdict first = tap(CredentialKind.CARD_UID, "04:c0:ff:ee");

        assertEquals(
                new Verdict(Decision.ALLOW, Reason.HUB_ALLOWED, Source.HUB, Optional.of("Zhang S."), Optional.empty()),
                first);
        assertEquals(1, relay.pulses().size());
        assertEquals(Optional.of("Zhang S."), kiosk.last().orElseThrow().greeting());
        AuthorisationRequest asked = standIn.requests().getFirst();
        assertEquals(GATE, asked.gateId());
        assertEquals(dev.carrel.protocol.CredentialKind.CARD_UID, asked.kind());
        assertEquals(card, asked.credential());
        assertTrue(events.contains(
                new EventBody.GateDecision(GATE, card, Decision.ALLOW, Reason.HUB_ALLOWED, Source.HUB)));

        Verdict other = tap(CredentialKind.CARD_UID, "04BADBAD");
        assertEquals(Reason.UNKNOWN_CREDENTIAL, other.reason());
        assertEquals(Source.HUB, other.source());
    }

    @Test
    void hubGone_knownCardDecidedLocally_suspendedRefused_passInTimeAccepted() throws Exception {
        standIn.send(
                GATE,
                new AllowlistDelta(
                        0,
                        1,
                        true,
                        List.of(entry("04A1B2C3", "p-1", "Zhang S."), entry("04A1B2C5", "p-3", "Wang F.")),
                        List.of()));
        standIn.send(GATE, new AllowlistDelta(1, 2, false, List.of(), List.of(hash("04A1B2C5"))));
        await(() -> allowlist.version() == 2, "the gate syncs to version 2");

        hub.close();
        standIn.close();
        await(() -> !connection.connected(), "the gate notices the broker is gone");

        long t0 = System.nanoTime();
        Verdict known = tap(CredentialKind.CARD_UID, "04A1B2C3");
        Verdict suspended = tap(CredentialKind.CARD_UID, "04A1B2C5");
        Verdict unknown = tap(CredentialKind.CARD_UID, "04DEAD00");
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;

        assertEquals(
                new Verdict(
                        Decision.ALLOW, Reason.ALLOW_LISTED, Source.LOCAL, Optional.of("Zhang S."), Optional.of("p-1")),
                known);
        assertEquals(Reason.SUSPENDED, suspended.reason());
        assertEquals(Decision.DENY, suspended.decision());
        assertEquals(Reason.FALLBACK_DENIED, unknown.reason());
        assertTrue(elapsedMs < 400, "offline decisions must not wait for the hub, took " + elapsedMs + " ms");

        String inTime = MobilePass.create("main-library", "p-1", time.now(), Duration.ofSeconds(30))
                .issue(passKey.getPrivate());
        String late = MobilePass.create("main-library", "p-1", time.now().minusSeconds(90), Duration.ofSeconds(30))
                .issue(passKey.getPrivate());
        assertEquals(Reason.PASS_VALID, tap(CredentialKind.QR, inTime).reason());
        assertEquals(Reason.PASS_EXPIRED, tap(CredentialKind.QR, late).reason());
        assertEquals(2, relay.pulses().size());
        assertTrue(snapshotRequests.isEmpty());
    }

    private Verdict tap(CredentialKind kind, String value) throws Exception {
        CompletableFuture<Verdict> verdict =
                gate.present(new dev.carrel.drivers.Credential(kind, value, reader.id(), time.now()));
        return verdict.get(5, java.util.concurrent.TimeUnit.SECONDS);
    }

    static CredentialHash hash(String uid) {
        try {
            return new CredentialHasher(SECRET).hash(dev.carrel.protocol.CredentialKind.CARD_UID, uid);
        } catch (CredentialHasher.MalformedCredentialException e) {
            throw new AssertionError(e);
        }
    }

    static AllowlistDelta.Entry entry(String uid, String patron, String greeting) {
        return new AllowlistDelta.Entry(hash(uid), patron, greeting, Optional.empty());
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

    private static KeyPair keyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
