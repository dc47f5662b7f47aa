package dev.carrel.hub.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.carrel.hub.HubHttp;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Event;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.EventIds;
import dev.carrel.protocol.WireCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttConnAck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the hub during a burst (DESIGN §6, issue 5): the hub runs as its own JVM on this machine's
 * Mosquitto (127.0.0.1:1883, anonymous on loopback), an agent publishes N events at QoS 1, the hub process is
 * destroyed forcibly mid-burst and started again on the same data folder.
 *
 * <p>The guarantee is the hub's: it acknowledges a message only after its commit, so a message it acknowledged
 * is stored, and one it did not stays in its persistent session on the broker (clean start off, fixed client
 * id) and comes again after the restart. Hence after the restart every one of the N events, all of which the
 * broker acknowledged to the agent, is stored exactly once: had the hub acknowledged one it had not
 * committed, the broker would never send it again and it would be missing.
 *
 * <p>N stays under Mosquitto's default {@code max_queued_messages} (1000), which bounds what the broker keeps
 * for a session while its client is away; ids are unique per run, and the hub's session is removed at the end.
 */
class HubCrashTest {
    private static final String MOSQUITTO = "tcp://127.0.0.1:1883";
    private static final int N = 900;
    private static final int KILL_WHEN_STORED = 200;

    @TempDir
    Path dir;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AgentId agent = AgentId.of("crash-" + run);
    private final String hubClientId = "carrel-hub-crash-" + run;
    private Process hub;

    @AfterEach
    void cleanUp() throws Exception {
        if (hub != null) {
            hub.destroy();
            hub.waitFor(10, TimeUnit.SECONDS);
            hub.destroyForcibly();
        }
        if (reachable()) {
            // Clean start with no session expiry ends the hub's session on the broker (MQTT 5 §3.1.2.4).
            MqttAsyncClient c = new MqttAsyncClient(MOSQUITTO, hubClientId, new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            o.setSessionExpiryInterval(0L);
            c.connect(o).waitForCompletion(5_000);
            c.disconnect().waitForCompletion(5_000);
            c.close();
        }
    }

    @Test
    void killDashNineMidBurst_everyEventTheBrokerAcceptedIsStoredExactlyOnceAfterRestart() throws Exception {
        assumeTrue(reachable(), "no MQTT broker on 127.0.0.1:1883");
        Path config = config();
        Path db = dir.resolve("hub").resolve("carrel-hub.db");
        hub = startHub(config, "first");

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        MqttAsyncClient publisher = publisher();
        Thread burst = Thread.ofPlatform().name("burst").start(() -> publish(publisher, acknowledged));

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (stored(db) < KILL_WHEN_STORED && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        hub.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook, no clean disconnect
        long storedAtDeath = stored(db);

        burst.join(60_000);
        publisher.disconnect().waitForCompletion(5_000);
        publisher.close();
        assertEquals(N, acknowledged.size(), "the broker acknowledged every publish to the agent");
        assertTrue(
                storedAtDeath >= KILL_WHEN_STORED && storedAtDeath < N,
                "the hub died mid-burst, with " + storedAtDeath + " of " + N + " stored");

        System.out.println("hub killed with " + storedAtDeath + " of " + N + " events stored; restarting it");
        hub = startHub(config, "second");
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (stored(db) < N && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        Thread.sleep(500); // any duplicate re-delivery still on its way lands now, and must change nothing

        assertEquals(N, stored(db), "every event stored after the restart");
        assertEquals(acknowledged, storedIds(db), "exactly the events the agent sent, each once");
        assertEquals(
                0,
                HubHttp.count(
                        db,
                        "SELECT count(*) FROM event_sessions WHERE agent_id = ? AND max_seq + 1 - received <> 0",
                        agent.value()),
                "no sequence gap left");
    }

    private void publish(MqttAsyncClient publisher, Set<String> acknowledged) {
        WireCodec codec = new WireCodec();
        EventIds ids = EventIds.system();
        Semaphore inFlight = new Semaphore(receiveMaximum(publisher));
        try {
            for (int seq = 0; seq < N; seq++) {
                Event event = new Event(
                        ids.next(), 1, seq, Instant.now(), new EventBody.LampState("lamp-1", seq % 2 == 0, 100));
                MqttMessage m = new MqttMessage(codec.encode(event));
                m.setQos(1);
                inFlight.acquire();
                String id = event.id().toString();
                publisher.publish(WireCodec.topicFor(agent, event).toString(), m, null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        acknowledged.add(id);
                        inFlight.release();
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable e) {
                        inFlight.release();
                    }
                });
                if (seq % 2 == 0) {
                    // About 1,800 events/s: a burst of half a second, so the kill lands in the middle of it, and
                    // slow enough for a cold hub to keep up (Mosquitto's defaults drop QoS 1 messages for a
                    // subscriber that falls far behind; docs/benchmarks.md).
                    Thread.sleep(1);
                }
            }
            inFlight.acquire(receiveMaximum(publisher)); // every PUBACK is in
        } catch (Exception e) {
            throw new IllegalStateException("publishing failed", e);
        }
    }

    /** Keep QoS 1 publishes in flight within the broker's Receive Maximum (../shared/STACK.md, pitfall). */
    private static int receiveMaximum(MqttAsyncClient client) {
        return receiveMax.getOrDefault(client, 20);
    }

    private static final ConcurrentHashMap<MqttAsyncClient, Integer> receiveMax = new ConcurrentHashMap<>();

    private MqttAsyncClient publisher() throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(MOSQUITTO, agent.value(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        IMqttToken token = client.connect(o);
        token.waitForCompletion(5_000);
        Integer max = token.getResponse() instanceof MqttConnAck ack
                ? ack.getProperties().getReceiveMaximum()
                : null;
        receiveMax.put(client, max == null ? 65_535 : Math.min(max, 1_000));
        return client;
    }

    private Path config() throws IOException {
        Path file = dir.resolve("hub.yaml");
        Files.writeString(file, """
                server:
                  host: 127.0.0.1
                  port: 0
                carrel:
                  data-dir: %s
                  broker:
                    mode: external
                    url: %s
                    user: carrel-hub-test
                    password: not-checked-by-this-mosquitto
                    client-id: %s
                    share-group: crash-%s
                """.formatted(dir.resolve("hub").toAbsolutePath(), MOSQUITTO, hubClientId, run));
        return file;
    }

    /** The hub as its own JVM: the test's classpath, {@code dev.carrel.hub.Main} and the YAML file. */
    private Process startHub(Path config, String name) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = dir.resolve("hub-" + name + ".log");
        Process p = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), "dev.carrel.hub.Main", config.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains("hub subscribed on")) {
                return p;
            }
            if (!p.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new AssertionError("the hub did not subscribe; its log:\n" + Files.readString(log));
    }

    private long stored(Path db) throws SQLException {
        if (!Files.exists(db)) {
            return 0;
        }
        return HubHttp.count(db, "SELECT count(*) FROM events WHERE agent_id = ?", agent.value());
    }

    private Set<String> storedIds(Path db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM events WHERE agent_id = '" + agent.value() + "'")) {
            Set<String> ids = new HashSet<>();
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
            return ids;
        }
    }

    private static boolean reachable() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 1883), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
