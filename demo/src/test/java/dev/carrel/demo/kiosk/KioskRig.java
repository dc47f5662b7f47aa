package dev.carrel.demo.kiosk;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.carrel.agent.AgentConfig;
import dev.carrel.agent.AgentLayout;
import dev.carrel.agent.EdgeAgent;
import dev.carrel.agent.gate.CredentialHasher;
import dev.carrel.agent.gate.SiteSecret;
import dev.carrel.agent.kiosk.KioskProfile;
import dev.carrel.agent.seats.SeatBinding;
import dev.carrel.agent.seats.SeatRules;
import dev.carrel.drivers.CredentialReader;
import dev.carrel.drivers.Hardware;
import dev.carrel.drivers.Lamp;
import dev.carrel.drivers.config.EndpointSpec;
import dev.carrel.drivers.fake.FakeCredentialReader;
import dev.carrel.drivers.fake.FakeLamp;
import dev.carrel.hub.Hub;
import dev.carrel.hub.broker.BrokerUsers;
import dev.carrel.hub.broker.FirstSubscribe;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.CredentialKind;
import dev.carrel.protocol.Topic;
import dev.carrel.protocol.TwinDesired;
import dev.carrel.protocol.WireCodec;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Simulated kiosks for the browser tests: an {@link EdgeAgent} on fake-* drivers with a kiosk section, its
 * site secret, and the last desired twin it would have saved (opening hours, the hub's zone counts and room
 * bookings), online through a real {@link Hub} or offline with no broker at all.
 */
final class KioskRig {
    static final String SITE = "main-library";
    static final Map<String, String> LIBRARY = Map.of("zh-CN", "中心图书馆", "en", "Central Library");
    private static final WireCodec CODEC = new WireCodec();

    private KioskRig() {}

    /** A hub on free ports, with its embedded broker in memory. */
    static Hub hub(Path dir) throws Exception {
        return Hub.start(
                Config.just(ConfigSources.create(Map.of(
                        "server.host", "127.0.0.1",
                        "server.port", "0",
                        "carrel.data-dir", dir.toString(),
                        "carrel.broker.host", "127.0.0.1",
                        "carrel.broker.port", "0",
                        "carrel.broker.persistent", "false"))),
                Clock.systemUTC());
    }

    /** An agent's settings: connected to the hub's broker, or to a port where nothing listens (offline). */
    static AgentConfig config(String id, Path dataDir, Optional<Hub> hub) throws IOException {
        String broker = hub.isPresent() ? hub.get().brokerUri() : "tcp://127.0.0.1:" + closedPort();
        String secret = hub.isPresent() ? hub.get().brokerUsers().issue(id, BrokerUsers.Role.AGENT) : "offline";
        return new AgentConfig(
                AgentId.of(id),
                URI.create(broker),
                secret,
                dataDir,
                Duration.ofSeconds(5),
                Duration.ofHours(1),
                "kiosk-test");
    }

    static AgentLayout.SiteSettings site(Path dir) throws IOException {
        Path file = dir.resolve("site-secret");
        if (!Files.exists(file)) {
            Files.createDirectories(dir);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(
                    file, Base64.getEncoder().encodeToString("kiosk-browser-test-site-secret!!".getBytes(US_ASCII)));
        }
        return new AgentLayout.SiteSettings(SITE, file, List.of());
    }

    static CredentialHash hash(AgentLayout.SiteSettings site, String cardUid) throws Exception {
        return new CredentialHasher(SiteSecret.read(site.secretFile())).hash(CredentialKind.CARD_UID, cardUid);
    }

    static AgentLayout.KioskSettings kiosk(KioskProfile.Mode mode, String language, Optional<String> reader) {
        return new AgentLayout.KioskSettings(
                "127.0.0.1",
                0,
                reader,
                new KioskProfile(
                        mode, LIBRARY, language, Optional.of(URI.create("https://library.example.edu/carrel"))));
    }

    /** A reading room of {@code desks} desks with a lamp each, and the kiosk's own card reader. */
    static AgentLayout readingRoom(int desks, AgentLayout.SiteSettings site) {
        List<EndpointSpec> endpoints = new ArrayList<>();
        List<SeatBinding> seats = new ArrayList<>();
        for (int d = 1; d <= desks; d++) {
            String desk = String.format("desk-%02d", d);
            endpoints.add(new EndpointSpec(desk + "-lamp", "fake-lamp", Map.of()));
            seats.add(seat(desk, desk + "-lamp"));
        }
        endpoints.add(new EndpointSpec("kiosk-reader", "fake-reader", Map.of()));
        return new AgentLayout(
                endpoints,
                seats,
                SeatRules.DEFAULTS,
                Optional.of(kiosk(KioskProfile.Mode.READING_ROOM, "zh-CN", Optional.of("kiosk-reader"))),
                Optional.of(site),
                Optional.empty());
    }

    /** A discussion room: one seat with a lamp, and the kiosk's card reader at the door. */
    static AgentLayout room(AgentLayout.SiteSettings site) {
        return new AgentLayout(
                List.of(
                        new EndpointSpec("room-a-lamp", "fake-lamp", Map.of()),
                        new EndpointSpec("kiosk-reader", "fake-reader", Map.of())),
                List.of(seat("room-a", "room-a-lamp")),
                SeatRules.DEFAULTS,
                Optional.of(kiosk(KioskProfile.Mode.ROOM, "zh-CN", Optional.of("kiosk-reader"))),
                Optional.of(site),
                Optional.empty());
    }

    /**
     * A gate with one card reader, its turnstile and indicator, and an exit reader through the same turnstile;
     * unknown cards are refused offline.
     */
    static AgentLayout gate(AgentLayout.SiteSettings site) {
        return new AgentLayout(
                List.of(
                        new EndpointSpec("gate-1-reader", "fake-reader", Map.of()),
                        new EndpointSpec("gate-1-exit", "fake-reader", Map.of()),
                        new EndpointSpec("gate-1", "fake-gate", Map.of()),
                        new EndpointSpec("gate-1-indicator", "fake-indicator", Map.of())),
                List.of(),
                SeatRules.DEFAULTS,
                Optional.of(kiosk(KioskProfile.Mode.GATE, "zh-CN", Optional.empty())),
                Optional.of(site),
                Optional.of(new AgentLayout.GateSettings(
                        "gate-1",
                        List.of("gate-1-reader"),
                        "gate-1",
                        "gate-1-indicator",
                        "deny",
                        Duration.ofMillis(300),
                        List.of("gate-1-exit"),
                        Optional.empty())));
    }

    private static SeatBinding seat(String id, String lamp) {
        return new SeatBinding(
                id, Optional.of(lamp), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * Saves the desired twin the agent restores at start, as if the hub had sent it before: today's hours for
     * building "main" (an exam period, so the badge shows) and the {@code kiosk} section. Its version is far
     * above any the test hub gives, so the hub's own twin does not replace it.
     */
    static void savedTwin(Path dataDir, Map<String, Object> kiosk) throws IOException {
        String today =
                java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        Map<String, Object> schedule = Map.of(
                "main",
                Map.of(
                        "weekly",
                                Map.of(
                                        "mon",
                                        "08:00-22:00",
                                        "tue",
                                        "08:00-22:00",
                                        "wed",
                                        "08:00-22:00",
                                        "thu",
                                        "08:00-22:00",
                                        "fri",
                                        "08:00-22:00",
                                        "sat",
                                        "09:00-17:00",
                                        "sun",
                                        "09:00-17:00"),
                        "exceptions",
                                List.of(Map.of("from", today, "to", today, "kind", "exam", "hours", "07:30-24:00")),
                        "actions", Map.of("warnMinutesBeforeClose", 15),
                        "timezone", "Asia/Shanghai"));
        Files.createDirectories(dataDir);
        Files.write(
                dataDir.resolve("twin-desired.json"),
                CODEC.encode(new TwinDesired(
                        Long.MAX_VALUE / 2, Map.of("schedule", schedule, "kiosk", kiosk), Instant.now())));
    }

    static EdgeAgent start(AgentConfig config, AgentLayout layout) throws Exception {
        return EdgeAgent.start(config, layout, Hardware.none(), Clock.systemUTC());
    }

    static FakeCredentialReader reader(EdgeAgent agent, String id) {
        return (FakeCredentialReader)
                agent.devices().find(id, CredentialReader.class).orElseThrow();
    }

    static FakeLamp lamp(EdgeAgent agent, String id) {
        return (FakeLamp) agent.devices().find(id, Lamp.class).orElseThrow();
    }

    static void awaitOnline(EdgeAgent agent) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!agent.connected()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("agent " + agent.config().id() + " did not connect");
            }
            Thread.sleep(50);
        }
    }

    /** What a test's hub client subscribes to, on its connection. */
    interface Subscriptions {
        void subscribe(MqttClient client) throws MqttException;
    }

    /**
     * A hub-role MQTT client publishing what the hub's patron service will (allow-lists and reminders),
     * connected and subscribed; the subscription is retried with the connect on the
     * embedded broker's first-SUBSCRIBE race ({@link FirstSubscribe}).
     */
    static MqttClient hubClient(Hub hub, Subscriptions subscriptions) throws Exception {
        String secret = hub.brokerUsers().issue("kiosk-test-hub", BrokerUsers.Role.HUB);
        MqttClient client = new MqttClient(hub.brokerUri(), "kiosk-test-hub", new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName("kiosk-test-hub");
        o.setPassword(secret.getBytes(UTF_8));
        FirstSubscribe.withRetry("kiosk-test-hub", () -> {
            if (!client.isConnected()) {
                client.connect(o);
            }
            subscriptions.subscribe(client);
        });
        return client;
    }

    static void publish(MqttClient client, Topic topic, byte[] payload) throws Exception {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        client.publish(topic.toString(), m);
    }

    static byte[] encode(dev.carrel.protocol.Message message) {
        return CODEC.encode(message);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
