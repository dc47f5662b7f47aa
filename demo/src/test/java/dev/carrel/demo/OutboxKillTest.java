package dev.carrel.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.hub.Hub;
import dev.carrel.hub.broker.BrokerUsers;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4: {@code kill -9} of the agent in the middle of a burst of 10,000 events, then a restart; the hub
 * stores every event the outbox committed, exactly once. The agent runs in its own JVM ({@link
 * BurstAgentMain}); the hub, its embedded broker and its SQLite file are real.
 */
class OutboxKillTest {
    private static final String AGENT = "burst-gate";
    private static final int BURST = 10_000;

    @TempDir
    Path dir;

    private Hub hub;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void startHub() throws Exception {
        hub = Hub.start(
                Config.just(ConfigSources.create(Map.of(
                        "server.host", "127.0.0.1",
                        "server.port", "0",
                        "carrel.data-dir", dir.resolve("hub").toString(),
                        "carrel.broker.host", "127.0.0.1",
                        "carrel.broker.port", "0",
                        "carrel.broker.persistent", "false"))),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        hub.close();
    }

    @Test
    void killNineMidBurst_thenRestart_hubStoresEveryCommittedEventExactlyOnce() throws Exception {
        String secret = hub.brokerUsers().issue(AGENT, BrokerUsers.Role.AGENT);
        Path data = dir.resolve("agent");

        Process burst = agent("burst", BURST, secret, data);
        BlockingQueue<String> lines = lines(burst);
        int printed = awaitCommitted(lines, 2_000);
        burst.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no goodbye
        assertTrue(burst.waitFor(10, TimeUnit.SECONDS));

        Committed committed = committed(data.resolve("outbox.db"));
        assertTrue(committed.appended() >= printed, committed + " < printed " + printed);
        assertTrue(committed.appended() < BURST, "the kill came too late to be mid-burst: " + committed);

        long restart = System.nanoTime();
        Process drain = agent("drain", 0, secret, data);
        BlockingQueue<String> drainLines = lines(drain);
        assertTrue(drain.waitFor(60, TimeUnit.SECONDS), "the restarted agent did not drain");
        assertEquals("drained", last(drainLines));
        System.out.printf(
                "killed after %d committed (%d printed), %d still waiting; restart and drain took %d ms%n",
                committed.appended(), printed, committed.waiting().size(), (System.nanoTime() - restart) / 1_000_000);

        Stored stored = stored();
        assertEquals(committed.appended(), stored.rows(), "every committed event, once: " + stored);
        assertEquals(stored.rows(), stored.distinctSessionSeq(), "no (session, seq) twice: " + stored);
        assertEquals(stored.rows(), stored.contiguousSeq(), "each session's seq runs 0..n-1 without a gap");
        assertTrue(stored.ids().containsAll(committed.waiting()), "every event left in the outbox arrived");
    }

    private Process agent(String mode, int count, String secret, Path data) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                BurstAgentMain.class.getName(),
                mode,
                Integer.toString(count),
                hub.brokerUri(),
                secret,
                data.toString(),
                AGENT);
        pb.redirectError(dir.resolve(mode + ".log").toFile());
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private static BlockingQueue<String> lines(Process p) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // the process died: that is the point
            }
        });
        return lines;
    }

    private static int awaitCommitted(BlockingQueue<String> lines, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith("committed ")) {
                int n = Integer.parseInt(line.substring("committed ".length()));
                if (n >= atLeast) {
                    return n;
                }
            }
        }
        throw new AssertionError("the burst did not reach " + atLeast + " events in 30 s");
    }

    private static String last(BlockingQueue<String> lines) throws InterruptedException {
        String last = "";
        for (String line = lines.poll(2, TimeUnit.SECONDS);
                line != null;
                line = lines.poll(200, TimeUnit.MILLISECONDS)) {
            last = line;
        }
        return last;
    }

    /** What the killed agent's outbox file says it committed, and which ids were still waiting. */
    record Committed(long appended, Set<String> waiting) {}

    private static Committed committed(Path outbox) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + outbox);
                Statement s = c.createStatement()) {
            long appended;
            try (ResultSet r = s.executeQuery("SELECT appended FROM meta")) {
                r.next();
                appended = r.getLong(1);
            }
            Set<String> waiting = new HashSet<>();
            try (ResultSet r = s.executeQuery("SELECT id FROM outbox")) {
                while (r.next()) {
                    waiting.add(r.getString(1));
                }
            }
            return new Committed(appended, waiting);
        }
    }

    record Stored(long rows, long distinctSessionSeq, long contiguousSeq, Set<String> ids) {
        @Override
        public String toString() {
            return "rows " + rows + ", distinct (session, seq) " + distinctSessionSeq + ", contiguous " + contiguousSeq;
        }
    }

    /** Reads the hub's SQLite file directly: what was committed, not what an API says. */
    private Stored stored() throws Exception {
        Path db = dir.resolve("hub").resolve("carrel-hub.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement()) {
            long rows;
            long distinct;
            long contiguous = 0;
            try (ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT session || ':' || seq) FROM events"
                    + " WHERE agent_id = '" + AGENT + "'")) {
                r.next();
                rows = r.getLong(1);
                distinct = r.getLong(2);
            }
            // A session whose seq runs 0..n-1 with n rows has no gap and no repeat.
            try (ResultSet r = s.executeQuery("SELECT count(*), min(seq), max(seq) FROM events WHERE agent_id = '"
                    + AGENT + "' GROUP BY session")) {
                while (r.next()) {
                    if (r.getLong(2) == 0 && r.getLong(3) == r.getLong(1) - 1) {
                        contiguous += r.getLong(1);
                    }
                }
            }
            Set<String> ids = new HashSet<>();
            try (ResultSet r = s.executeQuery("SELECT id FROM events WHERE agent_id = '" + AGENT + "'")) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
            return new Stored(rows, distinct, contiguous, ids);
        }
    }
}
