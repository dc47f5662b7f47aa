package dev.carrel.hub.bench;

import dev.carrel.hub.Hub;
import dev.carrel.hub.broker.BrokerUsers;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Endpoint;
import dev.carrel.protocol.Event;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.EventIds;
import dev.carrel.protocol.Message;
import dev.carrel.protocol.Status;
import dev.carrel.protocol.WireCodec;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;

/**
 * Live state on a real hub: event-to-SSE latency (an agent publishes {@code lamp_state}, a dashboard's
 * {@code /api/stream} receives it) and the hub's resident memory with 10,000 simulated endpoints (100 agents
 * × 34 desks × lamp, outlet and presence sensor). Run: see docs/benchmarks.md.
 */
public final class LiveBenchmark {
    private static final int AGENTS = 100;
    private static final int DESKS = 34;
    private static final int LATENCY_EVENTS = 2_000;
    private static final Pattern SENT =
            Pattern.compile("\"endpoint\":\"([^\"]+)\",\"on\":(?:true|false),\"brightness\":(\\d+)");

    private LiveBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("carrel-live-bench");
        Path spaces = dir.resolve("spaces.yaml");
        Files.writeString(spaces, model());
        try (Hub hub = Hub.start(
                Config.just(ConfigSources.create(Map.of(
                        "server.host",
                        "127.0.0.1",
                        "server.port",
                        "0",
                        "carrel.data-dir",
                        dir.resolve("hub").toString(),
                        "carrel.broker.host",
                        "127.0.0.1",
                        "carrel.broker.port",
                        "0",
                        "carrel.broker.persistent",
                        "false",
                        "carrel.spaces-file",
                        spaces.toString()))),
                Clock.systemUTC())) {
            while (!hub.mqttConnected()) {
                Thread.sleep(20);
            }
            List<Agent> agents = new ArrayList<>();
            for (int a = 0; a < AGENTS; a++) {
                agents.add(new Agent(hub, "room-" + a));
            }
            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicLong received = new AtomicLong();
            HttpClient http = HttpClient.newHttpClient();
            http.sendAsync(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + "/api/stream"))
                                    .header(
                                            "Authorization",
                                            "Bearer " + hub.staff().issueToken("admin"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofLines())
                    .thenAccept(r -> r.body().forEach(line -> {
                        Matcher m = SENT.matcher(line);
                        if (line.startsWith("data:") && m.find()) {
                            Long t0 = sentAt.remove(m.group(1) + "#" + m.group(2));
                            if (t0 != null) {
                                latencies.add(System.nanoTime() - t0);
                            }
                            received.incrementAndGet();
                        }
                    }));
            while (hub.facilities().feed().subscribers() == 0) {
                Thread.sleep(10);
            }
            // Latency: 2,000 lamp changes at about 400/s, each brightness unique per lamp so it can be matched.
            for (int i = 0; i < LATENCY_EVENTS; i++) {
                Agent agent = agents.get(i % AGENTS);
                String lamp = String.format("desk-%03d-lamp", i / AGENTS % DESKS);
                int brightness = 1 + i / (AGENTS * DESKS) * 50 + (i % 50);
                sentAt.put(agent.id.value() + "/" + lamp + "#" + brightness, System.nanoTime());
                agent.send(new EventBody.LampState(lamp, true, brightness));
                Thread.sleep(2, 500_000);
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (latencies.size() < LATENCY_EVENTS * 0.99 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            long[] l = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(
                    "event-to-SSE latency over %d events: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    l.length, l[l.length / 2] / 1e6, l[(int) (l.length * 0.99)] / 1e6, l[l.length - 1] / 1e6);
            // Memory: every one of the 10,200 endpoints reports once, so the live state holds them all.
            for (Agent agent : agents) {
                for (int d = 0; d < DESKS; d++) {
                    String desk = String.format("desk-%03d", d);
                    agent.send(new EventBody.LampState(desk + "-lamp", d % 2 == 0, 70));
                    agent.send(new EventBody.OutletState(desk + "-outlet", true, Optional.of(12.5), Optional.empty()));
                    agent.send(new EventBody.PresenceChanged(desk + "-presence", true, Optional.of(60)));
                }
            }
            Thread.sleep(5_000);
            System.gc();
            Thread.sleep(1_000);
            Runtime rt = Runtime.getRuntime();
            System.out.printf(
                    "hub with %d endpoints (%d agents, %d seats): RSS %d MB (VmHWM %d MB), heap used %d MB,"
                            + " -Xmx %d MB%n",
                    AGENTS * DESKS * 3,
                    AGENTS,
                    AGENTS * DESKS,
                    status("VmRSS") / 1024,
                    status("VmHWM") / 1024,
                    (rt.totalMemory() - rt.freeMemory()) >> 20,
                    rt.maxMemory() >> 20);
            for (Agent a : agents) {
                a.client.disconnect().waitForCompletion(5_000);
                a.client.close(true);
            }
        }
    }

    private static long status(String key) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    static String model() {
        StringBuilder y = new StringBuilder("agents:\n");
        for (int a = 0; a < AGENTS; a++) {
            y.append("  room-").append(a).append(":\n");
            for (int d = 0; d < DESKS; d++) {
                String desk = String.format("desk-%03d", d);
                y.append("    ")
                        .append(desk)
                        .append("-lamp: dimmable_lamp\n    ")
                        .append(desk)
                        .append("-outlet: outlet\n    ")
                        .append(desk)
                        .append("-presence: presence_sensor\n");
            }
        }
        y.append("sites:\n- id: s\n  buildings:\n  - id: b\n    floors:\n    - id: f\n      zones:\n");
        for (int a = 0; a < AGENTS; a++) {
            y.append("      - id: z").append(a).append("\n        seats:\n");
            for (int d = 0; d < DESKS; d++) {
                String r = "room-" + a + "/" + String.format("desk-%03d", d);
                y.append("        - {id: d")
                        .append(a)
                        .append('-')
                        .append(d)
                        .append(", lamp: ")
                        .append(r)
                        .append("-lamp, outlet: ")
                        .append(r)
                        .append("-outlet, sensor: ")
                        .append(r)
                        .append("-presence}\n");
            }
        }
        return y.toString();
    }

    /** A simulated agent: one MQTT connection, a birth with its 102 endpoints (Moquette refuses MQTT packets over 8092 bytes by default), then events. */
    static final class Agent {
        private final WireCodec codec = new WireCodec();
        private final EventIds ids = EventIds.system();
        private final AtomicLong seq = new AtomicLong();
        private final AgentId id;
        final MqttAsyncClient client;

        Agent(Hub hub, String name) throws Exception {
            this(hub.brokerUri(), name, hub.brokerUsers().issue(name, BrokerUsers.Role.AGENT));
        }

        Agent(String brokerUri, String name, String secret) throws Exception {
            id = AgentId.of(name);
            client = new MqttAsyncClient(brokerUri, name, new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setUserName(name);
            o.setPassword(secret.getBytes(StandardCharsets.UTF_8));
            client.connect(o).waitForCompletion(10_000);
            List<Endpoint> endpoints = new ArrayList<>();
            for (int d = 0; d < DESKS; d++) {
                String desk = String.format("desk-%03d", d);
                endpoints.addAll(Arrays.asList(
                        new Endpoint(desk + "-lamp", Endpoint.Kind.DIMMABLE_LAMP),
                        new Endpoint(desk + "-outlet", Endpoint.Kind.OUTLET),
                        new Endpoint(desk + "-presence", Endpoint.Kind.PRESENCE_SENSOR)));
            }
            publish(new Status.Birth(1, "bench", endpoints, Instant.now()), true);
        }

        void send(EventBody body) throws Exception {
            publish(new Event(ids.next(), 1, seq.getAndIncrement(), Instant.now(), body), false);
        }

        private void publish(Message m, boolean retained) throws Exception {
            // QoS 0 for the load: QoS 1 would cap each client at the broker's in-flight window.
            for (int attempt = 0; ; attempt++) {
                try {
                    client.publish(WireCodec.topicFor(id, m).toString(), codec.encode(m), retained ? 1 : 0, retained);
                    return;
                } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                    if (attempt > 5_000) {
                        throw e;
                    }
                    Thread.sleep(1);
                }
            }
        }
    }
}
