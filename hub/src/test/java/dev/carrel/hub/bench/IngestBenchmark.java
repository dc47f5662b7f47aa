package dev.carrel.hub.bench;

import dev.carrel.hub.Hub;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Event;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.EventIds;
import dev.carrel.protocol.WireCodec;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.metrics.api.HistogramSnapshot;
import io.helidon.metrics.api.Timer;
import io.helidon.metrics.api.ValueAtPercentile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttConnAck;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Ingest with acknowledgement after commit, against the raw broker rate measured in the same run: same broker
 * (this machine's Mosquitto by default), same messages (encoded {@code lamp_state} events), same number of
 * publishers. Not a test; run it by hand (docs/benchmarks.md):
 *
 * <pre>
 * IngestBenchmark [--messages 40000] [--publishers 4] [--broker tcp://127.0.0.1:1883]
 * </pre>
 *
 * <p>Both phases are closed loops with the same window: publishers pause while more than {@value #WINDOW}
 * messages are published but not yet received (raw) or stored and acknowledged (hub). Without it, a
 * subscriber that falls behind loses messages once Mosquitto's per-client queue ({@code max_queued_messages},
 * 1000 by default) is full, and a rate of lost messages means nothing. Each publisher keeps its QoS 1
 * publishes in flight within the broker's Receive Maximum from CONNACK (../shared/STACK.md, pitfall).
 */
public final class IngestBenchmark {
    private static final int WINDOW = 200;
    private static final int ROUNDS = 3;

    private final String broker;
    private final int messages;
    private final int publishers;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final WireCodec codec = new WireCodec();
    private final EventIds ids = EventIds.system();

    private IngestBenchmark(String broker, int messages, int publishers) {
        this.broker = broker;
        this.messages = messages - messages % publishers;
        this.publishers = publishers;
    }

    public static void main(String[] args) throws Exception {
        String broker = "tcp://127.0.0.1:1883";
        int messages = 40_000;
        int publishers = 4;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--broker" -> broker = args[i + 1];
                case "--messages" -> messages = Integer.parseInt(args[i + 1]);
                case "--publishers" -> publishers = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        new IngestBenchmark(broker, messages, publishers).run();
        System.exit(0);
    }

    private void run() throws Exception {
        System.out.printf(
                Locale.ROOT,
                "ingest benchmark: %d messages of %d bytes, %d publishers, broker %s, window %d%n",
                messages,
                payloads(1, "size-probe").getFirst().length,
                publishers,
                broker,
                WINDOW);
        Path data = Files.createTempDirectory("carrel-bench-");
        Config config = Config.just(ConfigSources.create(Map.of(
                "server.host", "127.0.0.1",
                "server.port", "0",
                "carrel.data-dir", data.resolve("hub").toString(),
                "carrel.broker.mode", "external",
                "carrel.broker.url", broker,
                "carrel.broker.user", "carrel-hub-bench",
                "carrel.broker.password", "not-checked-by-a-loopback-mosquitto",
                "carrel.broker.client-id", "carrel-hub-bench-" + run,
                "carrel.broker.share-group", "bench-" + run)));
        try (Hub hub = Hub.start(config, Clock.systemUTC())) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!hub.mqttConnected() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(500); // the subscription follows the connection

            // Warm both paths up (JIT, SQLite pages), then measure raw and hub alternately, three rounds each,
            // and compare the medians: on a 2-core machine one round is easily disturbed.
            raw(messages / 4);
            hub(hub, messages / 4);
            List<Double> rawRates = new ArrayList<>();
            List<Double> hubRates = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                rawRates.add(raw(messages));
                hubRates.add(hub(hub, messages));
            }
            double rawRate = median(rawRates);
            double hubRate = median(hubRates);
            System.out.printf(
                    Locale.ROOT,
                    "raw broker QoS 1 publish->subscribe: %,.0f msg/s (median of %s)%n",
                    rawRate,
                    rounded(rawRates));
            System.out.printf(
                    Locale.ROOT,
                    "hub ingest, ack after commit:        %,.0f msg/s (median of %s)%n",
                    hubRate,
                    rounded(hubRates));
            System.out.printf(
                    Locale.ROOT, "ratio hub/raw:                       %.2f (goal >= 0.50)%n", hubRate / rawRate);
            System.out.printf(
                    Locale.ROOT,
                    "group commit p50/p99:                %s / %s ms (over %d commits)%n",
                    millis(hub.ingestMetrics().commits(), 0.5),
                    millis(hub.ingestMetrics().commits(), 0.99),
                    hub.ingestMetrics().commits().count());
            System.out.printf(
                    Locale.ROOT,
                    "arrival-to-ack p50/p99:              %s / %s ms%n",
                    millis(hub.ingestMetrics().latency(), 0.5),
                    millis(hub.ingestMetrics().latency(), 0.99));
        } finally {
            endSession("carrel-hub-bench-" + run);
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The raw rate: one plain subscriber that acknowledges at once. */
    private double raw(int n) throws Exception {
        String root = "carrel-bench/" + run + "/raw/";
        AtomicLong received = new AtomicLong();
        CountDownLatch all = new CountDownLatch(1);
        MqttAsyncClient subscriber = client("bench-sub-" + run);
        subscriber.setCallback(new Counting(received, n, all));
        subscriber.subscribe(new MqttSubscription(root + "#", 1)).waitForCompletion(10_000);
        double rate = publishAll("raw", n, p -> root + p, received::get, all);
        subscriber.disconnect().waitForCompletion(5_000);
        subscriber.close();
        return rate;
    }

    /** The hub's rate: messages stored and acknowledged after their commit. */
    private double hub(Hub hub, int n) throws Exception {
        long before = hub.ingestMetrics().acceptedCount();
        LongSupplier stored = () -> hub.ingestMetrics().acceptedCount() - before;
        CountDownLatch all = new CountDownLatch(1);
        Thread watch = Thread.ofPlatform().daemon(true).start(() -> {
            while (stored.getAsLong() < n && !Thread.currentThread().isInterrupted()) {
                LockSupport.parkNanos(100_000);
            }
            all.countDown();
        });
        double rate = publishAll(
                "hub", n, p -> "carrel/v1/agents/bench-" + run + "-" + p + "/events/lamp_state", stored, all);
        watch.interrupt();
        return rate;
    }

    private interface TopicOf {
        String topic(int publisher);
    }

    /** Publishes {@code n} messages from the publishers and returns messages per second until all arrived. */
    private double publishAll(String label, int n, TopicOf topics, LongSupplier arrived, CountDownLatch all)
            throws Exception {
        int each = n / publishers;
        List<List<byte[]>> payloads = new ArrayList<>();
        List<MqttAsyncClient> clients = new ArrayList<>();
        List<Integer> receiveMaximums = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            payloads.add(payloads(each, "bench-" + run + "-" + p));
            MqttAsyncClient c = new MqttAsyncClient(broker, "bench-" + run + "-" + p, new MemoryPersistence());
            IMqttToken token = c.connect(options());
            token.waitForCompletion(10_000);
            clients.add(c);
            receiveMaximums.add(receiveMaximum(token));
        }
        AtomicLong published = new AtomicLong();
        AtomicLong lost = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            int index = p;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    publish(
                            clients.get(index),
                            topics.topic(index),
                            payloads.get(index),
                            receiveMaximums.get(index),
                            published,
                            lost,
                            arrived);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        long t0 = System.nanoTime();
        start.countDown();
        // Until all arrived, or nothing more for two seconds (Mosquitto logs "Outgoing messages are being
        // dropped" when a client's queue overflows; those are reported, not waited for).
        long last = t0;
        long count = 0;
        while (!all.await(2, TimeUnit.MILLISECONDS)) {
            long now = System.nanoTime();
            long a = arrived.getAsLong();
            if (a != count) {
                count = a;
                last = now;
            } else if (now - last > 2_000_000_000L) {
                break;
            }
        }
        long got = arrived.getAsLong();
        long nanos = (got == n ? System.nanoTime() : last) - t0;
        if (got < n) {
            System.out.printf(Locale.ROOT, "  (%d of %d never arrived: dropped by the broker)%n", n - got, n);
        }
        System.out.printf(Locale.ROOT, "  %s: %,.0f msg/s%n", label, got / (nanos / 1e9));
        for (Thread t : threads) {
            t.join();
        }
        for (MqttAsyncClient c : clients) {
            c.disconnect().waitForCompletion(5_000);
            c.close();
        }
        return got / (nanos / 1e9);
    }

    private static void publish(
            MqttAsyncClient client,
            String topic,
            List<byte[]> payloads,
            int receiveMaximum,
            AtomicLong published,
            AtomicLong lost,
            LongSupplier arrived)
            throws Exception {
        Semaphore inFlight = new Semaphore(receiveMaximum);
        MqttActionListener release = new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                inFlight.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                inFlight.release();
            }
        };
        for (byte[] payload : payloads) {
            long waitingSince = System.nanoTime();
            long seen = arrived.getAsLong();
            while (published.get() - arrived.getAsLong() - lost.get() > WINDOW) {
                // A message the broker dropped never arrives: after half a second without progress, write the
                // shortfall off and go on.
                long a = arrived.getAsLong();
                if (a != seen) {
                    seen = a;
                    waitingSince = System.nanoTime();
                } else if (System.nanoTime() - waitingSince > 500_000_000L) {
                    lost.set(published.get() - a);
                    break;
                }
                LockSupport.parkNanos(50_000);
            }
            inFlight.acquire();
            MqttMessage m = new MqttMessage(payload);
            m.setQos(1);
            client.publish(topic, m, null, release);
            published.incrementAndGet();
        }
        inFlight.acquire(receiveMaximum);
    }

    /** {@code n} encoded events with fresh ids, as one agent would send them. */
    private List<byte[]> payloads(int n, String agent) {
        AgentId.of(agent);
        List<byte[]> out = new ArrayList<>(n);
        for (int seq = 0; seq < n; seq++) {
            out.add(codec.encode(new Event(
                    ids.next(), 1, seq, java.time.Instant.now(), new EventBody.LampState("lamp-1", true, 100))));
        }
        return out;
    }

    private MqttAsyncClient client(String id) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(broker, id, new MemoryPersistence());
        c.connect(options()).waitForCompletion(10_000);
        return c;
    }

    private static MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        return o;
    }

    private static int receiveMaximum(IMqttToken connect) {
        Integer max = connect.getResponse() instanceof MqttConnAck ack
                ? ack.getProperties().getReceiveMaximum()
                : null;
        return max == null ? 65_535 : Math.min(max, 1_000);
    }

    /** Ends the hub's session on the broker, so a benchmark leaves nothing behind (MQTT 5 §3.1.2.4). */
    private void endSession(String clientId) throws MqttException {
        MqttAsyncClient c = client(clientId);
        c.disconnect().waitForCompletion(5_000);
        c.close();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static List<Long> rounded(List<Double> values) {
        return values.stream().map(Math::round).toList();
    }

    private static String millis(Timer timer, double percentile) {
        HistogramSnapshot snapshot = timer.snapshot();
        for (ValueAtPercentile v : snapshot.percentileValues()) {
            if (Math.abs(v.percentile() - percentile) < 1e-9) {
                return String.format(Locale.ROOT, "%.2f", v.value(TimeUnit.MILLISECONDS));
            }
        }
        return "n/a";
    }

    private static final class Counting implements MqttCallback {
        private final AtomicLong received;
        private final int expected;
        private final CountDownLatch all;

        Counting(AtomicLong received, int expected, CountDownLatch all) {
            this.received = received;
            this.expected = expected;
            this.all = all;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (received.incrementAndGet() == expected) {
                all.countDown();
            }
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
    }
}
