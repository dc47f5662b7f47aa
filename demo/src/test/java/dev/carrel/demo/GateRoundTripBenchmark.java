package dev.carrel.demo;

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
import dev.carrel.agent.gate.Verdict;
import dev.carrel.agent.mqtt.AgentConnection;
import dev.carrel.agent.mqtt.SessionCounter;
import dev.carrel.drivers.Credential;
import dev.carrel.drivers.CredentialKind;
import dev.carrel.drivers.SystemScheduler;
import dev.carrel.drivers.fake.FakeGateActuator;
import dev.carrel.drivers.fake.FakeIndicator;
import dev.carrel.hub.Hub;
import dev.carrel.hub.broker.BrokerUsers;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.AuthorisationResponse;
import dev.carrel.protocol.EventBody.GateDecision.Decision;
import dev.carrel.protocol.EventBody.GateDecision.Reason;
import dev.carrel.protocol.Status;
import dev.carrel.protocol.Topic;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The online authorisation round trip over a real broker (the hub's embedded Moquette on this machine): an
 * unknown card at the gate, the request out on {@code requests/authorise}, a hub-role client answering on
 * {@code responses/authorise}, the relay pulsing. The baseline, in the same run, is a bare Paho QoS 1 ping
 * and echo between two clients through the same broker: the two hops without the gate. Not a test; run it
 * with the command in docs/benchmarks.md.
 */
public final class GateRoundTripBenchmark {
    private static final int WARM_UP = 300;
    private static final int ROUNDS = 2_000;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("gate-rtt");
        Hub hub = Hub.start(
                Config.just(ConfigSources.create(Map.of(
                        "server.host", "127.0.0.1",
                        "server.port", "0",
                        "carrel.data-dir", dir.resolve("hub").toString(),
                        "carrel.broker.host", "127.0.0.1",
                        "carrel.broker.port", "0",
                        "carrel.broker.persistent", "false"))),
                Clock.systemUTC());
        try {
            System.out.printf(
                    "Gate round trip over %s: %,d rounds after %,d warm-up%n", hub.brokerUri(), ROUNDS, WARM_UP);
            report("baseline: Paho QoS 1 ping → echo", baseline(hub));
            report("online authorisation, card → relay", authorisations(hub, dir));
        } finally {
            hub.close();
        }
        System.exit(0);
    }

    private static long[] authorisations(Hub hub, Path dir) throws Exception {
        GateConfig config = GateConfig.of(
                "gate-bench", GateAuthorisationTest.SECRET, "main-library", List.of(), GateConfig.Fallback.DENY);
        try (GateHubStandIn standIn = GateHubStandIn.connect(
                        hub.brokerUri(), hub.brokerUsers().issue("gate-hub", BrokerUsers.Role.HUB));
                SystemScheduler time = new SystemScheduler();
                Allowlist allowlist = Allowlist.open(dir.resolve("allowlist.db"));
                AgentConnection connection = new AgentConnection(
                        AgentId.of("gate-bench"),
                        hub.brokerUri(),
                        hub.brokerUsers().issue("gate-bench", BrokerUsers.Role.AGENT),
                        Duration.ofSeconds(10),
                        new SessionCounter(dir.resolve("session")),
                        s -> new Status.Birth(
                                s, "bench", List.of(), Clock.systemUTC().instant()))) {
            standIn.answer(r -> new AuthorisationResponse(
                    r.credential(), Decision.ALLOW, Reason.HUB_ALLOWED, Optional.of("Zhang S."), 0));
            MqttHubAuthoriser authoriser = MqttHubAuthoriser.over(connection);
            connection.on(Topic.Kind.RESPONSE, authoriser::onResponse);
            connection.on(
                    Topic.Kind.CREDENTIALS,
                    new AllowlistSync(allowlist, Executors.newSingleThreadExecutor(), (h, f) -> {})::onDelta);
            FakeGateActuator relay = new FakeGateActuator("relay");
            Gate gate = new Gate(
                    config,
                    new CredentialHasher(GateAuthorisationTest.SECRET),
                    new Authority(config, allowlist, new PassVerifier(config, time), authoriser, time),
                    new GateEffects(
                            relay, new FakeIndicator("led"), new RecordingKioskNotifier(), Reminders.NONE, b -> {}));
            connection.start();
            GateAuthorisationTest.await(connection::connected, "the bench gate connects");
            long[] out = new long[ROUNDS];
            for (int i = 0; i < WARM_UP + ROUNDS; i++) {
                String card = String.format("05%08X", i);
                long t0 = System.nanoTime();
                Verdict v = gate.present(new Credential(CredentialKind.CARD_UID, card, "reader", time.now()))
                        .get(5, TimeUnit.SECONDS);
                long t1 = System.nanoTime();
                if (v.reason() != Reason.HUB_ALLOWED) {
                    throw new IllegalStateException("round " + i + " was " + v);
                }
                if (i >= WARM_UP) {
                    out[i - WARM_UP] = t1 - t0;
                }
            }
            return out;
        }
    }

    private static long[] baseline(Hub hub) throws Exception {
        AtomicReference<CompletableFuture<Void>> waiting = new AtomicReference<>();
        MqttAsyncClient ping = client(hub, "bench-ping", (c, m) -> waiting.get().complete(null));
        MqttAsyncClient pong = client(hub, "bench-pong", (c, m) -> {
            MqttMessage echo = new MqttMessage(m.getPayload());
            echo.setQos(1);
            c.publish("carrel/bench/pong", echo);
        });
        pong.subscribe(new MqttSubscription("carrel/bench/ping", 1)).waitForCompletion(10_000);
        ping.subscribe(new MqttSubscription("carrel/bench/pong", 1)).waitForCompletion(10_000);
        byte[] payload =
                "{\"v\":1,\"gateId\":\"gate-bench\",\"kind\":\"card_uid\",\"credential\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"}"
                        .getBytes(StandardCharsets.UTF_8);
        long[] out = new long[ROUNDS];
        for (int i = 0; i < WARM_UP + ROUNDS; i++) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            waiting.set(f);
            MqttMessage m = new MqttMessage(payload);
            m.setQos(1);
            long t0 = System.nanoTime();
            ping.publish("carrel/bench/ping", m);
            f.get(5, TimeUnit.SECONDS);
            if (i >= WARM_UP) {
                out[i - WARM_UP] = System.nanoTime() - t0;
            }
        }
        ping.disconnect().waitForCompletion(2_000);
        pong.disconnect().waitForCompletion(2_000);
        ping.close();
        pong.close();
        return out;
    }

    /** What a client does with each message; Paho's per-subscription listeners need MQTT 5 subscription ids. */
    private interface OnMessage {
        void arrived(MqttAsyncClient client, MqttMessage message) throws Exception;
    }

    private static MqttAsyncClient client(Hub hub, String user, OnMessage onMessage) throws Exception {
        MqttAsyncClient c = new MqttAsyncClient(hub.brokerUri(), user, new MemoryPersistence());
        c.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) throws Exception {
                onMessage.arrived(c, message);
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {}

            @Override
            public void mqttErrorOccurred(MqttException exception) {}

            @Override
            public void deliveryComplete(IMqttToken token) {}

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {}

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {}
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(user);
        o.setPassword(hub.brokerUsers().issue(user, BrokerUsers.Role.HUB).getBytes(StandardCharsets.UTF_8));
        c.connect(o).waitForCompletion(10_000);
        return c;
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(
                "%-38s p50 %6.2f ms   p99 %6.2f ms   max %7.2f ms%n",
                what,
                sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }
}
