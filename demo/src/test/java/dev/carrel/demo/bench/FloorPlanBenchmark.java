package dev.carrel.demo.bench;

import dev.carrel.demo.kiosk.KioskBrowser;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;

/**
 * The dashboard's floor plan in headless Chromium, updating live: the time from a lamp event (the agent's
 * timestamp, when it publishes) through the broker, the hub, {@code /api/stream} and the page to the repaint
 * of that seat, for a floor of 1,000 seats against a floor of 10 in the same run, and an idle frame (from a
 * moment to the next painted frame with nothing to draw) as the floor under both. Events arrive at 100/s
 * on random seats. A {@code main}, not a test; run: see docs/benchmarks.md.
 */
public final class FloorPlanBenchmark {
    private static final int PER_AGENT = 100;
    private static final int EVENTS = 600;
    private static final int RATE = 100;
    private static final String PASSWORD = "floor-plan-benchmark";

    private FloorPlanBenchmark() {}

    public static void main(String[] args) throws Exception {
        try (KioskBrowser browser = KioskBrowser.open(KioskBrowser.LANDSCAPE)) {
            Figures small = run(browser, 10);
            Figures large = run(browser, 1_000);
            Figures idle = idle(browser);
            System.out.printf("%-34s %8s %8s %8s %8s%n", "", "p50 ms", "p95 ms", "max ms", "events");
            print("idle frame (baseline)", idle);
            print("10 seats: event -> repaint", small);
            print("1,000 seats: event -> repaint", large);
            print("10 seats: stream -> repaint", small.inBrowser());
            print("1,000 seats: stream -> repaint", large.inBrowser());
            System.out.printf(
                    "ratio 1,000 / 10 seats, event -> repaint: p50 %.2f, p95 %.2f%n",
                    large.p(50) / small.p(50), large.p(95) / small.p(95));
        }
    }

    /** Latencies in milliseconds, sorted; {@code inBrowser} from the page's receipt of the event. */
    record Figures(double[] millis, double[] browserMillis) {
        double p(int percent) {
            return millis[Math.min(millis.length - 1, millis.length * percent / 100)];
        }

        Figures inBrowser() {
            return new Figures(browserMillis, browserMillis);
        }
    }

    private static void print(String what, Figures f) {
        System.out.printf(
                "%-34s %8.1f %8.1f %8.1f %8d%n",
                what, f.p(50), f.p(95), f.millis[f.millis.length - 1], f.millis.length);
    }

    private static Figures run(KioskBrowser browser, int seats) throws Exception {
        Path dir = Files.createTempDirectory("carrel-floor-bench");
        Path spaces = dir.resolve("spaces.yaml");
        int agents = (seats + PER_AGENT - 1) / PER_AGENT;
        Files.writeString(spaces, model(seats, agents));
        try (Hub hub = Hub.start(
                Config.just(ConfigSources.create(Map.of(
                        "server.host", "127.0.0.1",
                        "server.port", "0",
                        "carrel.data-dir", dir.resolve("hub").toString(),
                        "carrel.broker.host", "127.0.0.1",
                        "carrel.broker.port", "0",
                        "carrel.broker.persistent", "false",
                        "carrel.spaces-file", spaces.toString(),
                        "carrel.staff.initial-admin-password", PASSWORD,
                        "carrel.staff.secure-cookie", "false"))),
                Clock.systemUTC())) {
            List<Agent> fleet = new ArrayList<>();
            for (int a = 0; a < agents; a++) {
                fleet.add(new Agent(hub, "bench-" + a, Math.min(PER_AGENT, seats - a * PER_AGENT)));
            }
            String base = "http://127.0.0.1:" + hub.httpPort();
            browser.driver().get(base + "/?lang=en#/sign-in"); // the hub's origin, to sign in from
            browser.driver()
                    .executeAsyncScript(
                            "const done = arguments[arguments.length - 1];"
                                    + "fetch('/api/session', {method: 'POST', headers: {'Content-Type': 'application/json'},"
                                    + " body: JSON.stringify({username: 'admin', password: arguments[0]})}).then(r => done(r.status), e => done(String(e)));",
                            PASSWORD);
            browser.driver().get(base + "/?bench&lang=en#/floor/b/f");
            browser.until(
                    d -> ((Long) browser.driver().executeScript("return document.querySelectorAll('.seat').length"))
                            == seats,
                    Duration.ofSeconds(30));
            browser.until(d -> "up"
                    .equals(browser.driver().executeScript("return document.getElementById('live').dataset.state")));
            Random random = new Random(seats);
            send(fleet, random, 50); // warm-up: JIT, first frames
            browser.driver().executeScript("window.carrelFloor.painted = []; window.carrelFloor.received = []");
            send(fleet, random, EVENTS);
            browser.until(
                    d -> (Long) browser.driver().executeScript("return window.carrelFloor.painted.length") >= EVENTS,
                    Duration.ofSeconds(30));
            double[] all = numbers(browser.driver().executeScript("return window.carrelFloor.painted"));
            double[] local = numbers(browser.driver().executeScript("return window.carrelFloor.received"));
            for (Agent a : fleet) {
                a.client.disconnect().waitForCompletion(5_000);
                a.client.close(true);
            }
            return new Figures(all, local);
        }
    }

    /** From a random moment to the next painted frame, with nothing to draw: what any repaint waits at least. */
    private static Figures idle(KioskBrowser browser) {
        Object out = browser.driver().executeAsyncScript("""
                        const done = arguments[arguments.length - 1]; const out = [];
                        const one = () => { const t0 = performance.now();
                          requestAnimationFrame(() => setTimeout(() => { out.push(performance.now() - t0);
                            if (out.length < 300) setTimeout(one, Math.random() * 20); else done(out); }, 0)); };
                        one();""");
        double[] d = numbers(out);
        return new Figures(d, d);
    }

    private static double[] numbers(Object list) {
        return ((List<?>) list)
                .stream().mapToDouble(o -> ((Number) o).doubleValue()).sorted().toArray();
    }

    /** Lamp events on random seats at {@link #RATE} a second, each toggling that lamp. */
    private static void send(List<Agent> fleet, Random random, int events) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            Agent agent = fleet.get(random.nextInt(fleet.size()));
            int desk = random.nextInt(agent.desks);
            agent.send(new EventBody.LampState(lamp(desk), agent.toggle(desk), 80));
            long due = start + (i + 1) * 1_000_000_000L / RATE;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
    }

    private static String lamp(int desk) {
        return String.format("desk-%03d-lamp", desk);
    }

    private static String model(int seats, int agents) {
        StringBuilder y = new StringBuilder("agents:\n");
        for (int a = 0; a < agents; a++) {
            y.append("  bench-").append(a).append(":\n");
            for (int d = 0; d < Math.min(PER_AGENT, seats - a * PER_AGENT); d++) {
                y.append("    ").append(lamp(d)).append(": lamp\n");
            }
        }
        y.append("sites:\n- id: s\n  buildings:\n  - id: b\n    floors:\n    - id: f\n      zones:\n");
        for (int a = 0; a < agents; a++) {
            y.append("      - id: z").append(a).append("\n        seats:\n");
            for (int d = 0; d < Math.min(PER_AGENT, seats - a * PER_AGENT); d++) {
                y.append("        - {id: s")
                        .append(a * PER_AGENT + d)
                        .append(", lamp: bench-")
                        .append(a)
                        .append('/')
                        .append(lamp(d))
                        .append("}\n");
            }
        }
        return y.toString();
    }

    /** A simulated zone agent: one MQTT connection, a birth with its lamps, then lamp events. */
    private static final class Agent {
        private final WireCodec codec = new WireCodec();
        private final EventIds ids = EventIds.system();
        private final AtomicLong seq = new AtomicLong();
        private final AgentId id;
        private final boolean[] on;
        final int desks;
        final MqttAsyncClient client;

        Agent(Hub hub, String name, int desks) throws Exception {
            this.id = AgentId.of(name);
            this.desks = desks;
            this.on = new boolean[desks];
            client = new MqttAsyncClient(hub.brokerUri(), name, new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setUserName(name);
            o.setPassword(hub.brokerUsers().issue(name, BrokerUsers.Role.AGENT).getBytes(StandardCharsets.UTF_8));
            client.connect(o).waitForCompletion(10_000);
            List<Endpoint> endpoints = new ArrayList<>();
            for (int d = 0; d < desks; d++) {
                endpoints.add(new Endpoint(lamp(d), Endpoint.Kind.LAMP));
            }
            publish(new Status.Birth(1, "bench", endpoints, Instant.now()), true);
        }

        boolean toggle(int desk) {
            on[desk] = !on[desk];
            return on[desk];
        }

        void send(EventBody body) throws Exception {
            publish(new Event(ids.next(), 1, seq.getAndIncrement(), Instant.now(), body), false);
        }

        private void publish(Message m, boolean retained) throws Exception {
            client.publish(WireCodec.topicFor(id, m).toString(), codec.encode(m), 1, retained);
        }
    }
}
