package dev.carrel.agent.bench;

import dev.carrel.agent.mqtt.AgentConnection;
import dev.carrel.agent.mqtt.SessionCounter;
import dev.carrel.agent.outbox.MqttOutboxLink;
import dev.carrel.agent.outbox.OutboxBudget;
import dev.carrel.agent.outbox.OutboxConfig;
import dev.carrel.agent.outbox.OutboxDrain;
import dev.carrel.agent.outbox.OutboxEntry;
import dev.carrel.agent.outbox.SqliteOutbox;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Status;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The edge agent's outbox, measured against baselines taken in the same run (DESIGN §8): append rate vs
 * plain SQLite inserts, a million-event file, drain rate to a real broker vs plain Paho publishes, and the
 * agent's start-up time and resident memory vs an empty JVM. Not a test; see docs/benchmarks.md.
 *
 * <p>Arguments: {@code [events (1000000)] [drained (100000)]}.
 */
public final class OutboxBenchmark {
    private static final int SINGLE = 2_000;
    private static final int BATCH = 1_000;
    /** Named, not referenced: the footprint child needs only the agent on the class path. */
    private static final String FOOTPRINT_MAIN = "dev.carrel.agent.bench.FootprintMain";
    /** Small heap, serial GC, C1 only: what the agent should run with on a Pi (docs/benchmarks.md). */
    static final List<String> PI_FLAGS = List.of("-XX:+UseSerialGC", "-Xms8m", "-Xmx64m", "-XX:TieredStopAtLevel=1");

    private OutboxBenchmark() {}

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int drained = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path dir = Files.createTempDirectory("outbox-bench");
        System.out.printf(
                "Java %s, %s %s, %d cores, files in %s%n%n",
                Runtime.version(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(),
                dir);
        System.out.println("| measure | outbox | baseline | ratio |");
        System.out.println("|---|---|---|---|");
        try {
            appendOneByOne(dir);
            Path million = fill(dir, total);
            drain(dir, million, total, drained);
            footprint(dir);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * A gate event at a time, each committed with an fsync before the next: the agent's normal case. Two
     * passes on fresh files, the first to warm up; the second is reported.
     */
    private static void appendOneByOne(Path dir) throws Exception {
        Samples samples = new Samples();
        double rate = 0;
        double raw = 0;
        for (int pass = 0; pass < 2; pass++) {
            raw = RawBaselines.sqliteInserts(dir.resolve("raw-single-" + pass + ".db"), take(samples, SINGLE), 1);
            List<OutboxEntry> entries = take(samples, SINGLE);
            try (SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("single-" + pass + ".db"), OutboxBudget.DEFAULT)) {
                long start = System.nanoTime();
                for (OutboxEntry e : entries) {
                    outbox.append(e);
                }
                rate = SINGLE / RawBaselines.seconds(start);
            }
        }
        row("append, one commit (fsync) per event", rate, raw, "events/s");
    }

    /** Fills an outbox to {@code total} in commits of 1,000, then reopens it as an agent restart would. */
    private static Path fill(Path dir, int total) throws Exception {
        Path file = dir.resolve("million.db");
        Samples samples = new Samples();
        double raw = RawBaselines.sqliteInserts(dir.resolve("raw-batch.db"), take(samples, 100_000), BATCH);
        long start = System.nanoTime();
        try (SqliteOutbox outbox = SqliteOutbox.open(file, OutboxBudget.DEFAULT)) {
            for (int done = 0; done < total; done += BATCH) {
                outbox.appendAll(take(samples, Math.min(BATCH, total - done)));
            }
        }
        row("append, 1,000 per commit, to " + total, total / RawBaselines.seconds(start), raw, "events/s");
        long bytes = Files.size(file);
        System.out.printf(
                "| file at %,d events | %,d bytes (%d bytes/event; payload %d) | | |%n",
                total, bytes, bytes / total, new Samples().next().payload().length);
        long open = System.nanoTime();
        try (SqliteOutbox outbox = SqliteOutbox.open(file, OutboxBudget.DEFAULT)) {
            System.out.printf(
                    "| reopen at %,d events (restart) | %.0f ms | | |%n",
                    outbox.size(), RawBaselines.seconds(open) * 1e3);
        }
        return file;
    }

    /** Drains part of the million-event outbox through the agent's connection to Moquette. */
    private static void drain(Path dir, Path file, int total, int drained) throws Exception {
        try (BenchBroker broker = new BenchBroker(dir.resolve("broker"))) {
            double raw =
                    RawBaselines.pahoPublishes(broker.uri(), take(new Samples(), drained), OutboxConfig.DEFAULT_WINDOW);
            AgentConnection connection = new AgentConnection(
                    AgentId.of("bench"),
                    broker.uri(),
                    "any",
                    Duration.ofSeconds(30),
                    new SessionCounter(dir.resolve("session")),
                    session -> new Status.Birth(session, "bench", List.of(), Instant.now()));
            try (SqliteOutbox outbox = SqliteOutbox.open(file, OutboxBudget.DEFAULT);
                    OutboxDrain drain = new OutboxDrain(
                            outbox, new MqttOutboxLink(connection), OutboxConfig.DEFAULT_WINDOW, "bench-drain")) {
                connection.start();
                while (!connection.connected()) {
                    Thread.sleep(5);
                }
                long start = System.nanoTime();
                drain.start();
                while (outbox.size() > total - drained) {
                    Thread.sleep(1);
                }
                double rate = drained / RawBaselines.seconds(start);
                row(
                        "drain " + drained + " from " + total + ", QoS 1, window " + OutboxConfig.DEFAULT_WINDOW,
                        rate,
                        raw,
                        "events/s");
            } finally {
                connection.close();
            }
        }
    }

    /** Start-up time and resident memory of an agent in a JVM of its own, against an empty JVM. */
    private static void footprint(Path dir) throws Exception {
        try (BenchBroker broker = new BenchBroker(dir.resolve("broker2"))) {
            for (List<String> flags : List.of(List.<String>of(), PI_FLAGS)) {
                String label = flags.isEmpty() ? "default JVM flags" : String.join(" ", flags);
                long[] empty = child(flags, List.of("empty"));
                long[] agent = child(
                        flags,
                        List.of(
                                "agent",
                                broker.uri(),
                                dir.resolve("agent-" + flags.size()).toString()));
                System.out.printf(
                        "| start-up to first event acknowledged (%s) | %d ms | %d ms (empty JVM) | %.2f |%n",
                        label, agent[0], empty[0], (double) agent[0] / empty[0]);
                System.out.printf(
                        "| resident memory after start-up (%s) | %.1f MB | %.1f MB (empty JVM) | %.2f |%n",
                        label, agent[1] / 1024.0, empty[1] / 1024.0, (double) agent[1] / empty[1]);
            }
        }
    }

    /** Runs FootprintMain; returns milliseconds until it said ready, and its VmRSS in kB. */
    private static long[] child(List<String> flags, List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(flags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FOOTPRINT_MAIN));
        command.addAll(args);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("ready ")) {
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    long rss = Long.parseLong(line.replaceAll(".*rss_kb=([0-9]+).*", "$1"));
                    p.waitFor();
                    return new long[] {ms, rss};
                }
            }
        }
        throw new IllegalStateException("child " + args + " exited with " + p.waitFor() + " before it was ready");
    }

    private static void row(String what, double outbox, double baseline, String unit) {
        System.out.printf(
                "| %s | %,.0f %s | %,.0f %s | %.2f |%n", what, outbox, unit, baseline, unit, outbox / baseline);
    }

    private static List<OutboxEntry> take(Samples samples, int n) {
        List<OutboxEntry> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(samples.next());
        }
        return out;
    }
}
