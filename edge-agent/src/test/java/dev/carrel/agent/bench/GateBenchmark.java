package dev.carrel.agent.bench;

import dev.carrel.agent.gate.Allowlist;
import dev.carrel.agent.gate.Authority;
import dev.carrel.agent.gate.CredentialHasher;
import dev.carrel.agent.gate.Gate;
import dev.carrel.agent.gate.GateConfig;
import dev.carrel.agent.gate.GateEffects;
import dev.carrel.agent.gate.HubAuthoriser;
import dev.carrel.agent.gate.KioskNotifier;
import dev.carrel.agent.gate.PassVerifier;
import dev.carrel.agent.gate.Reminders;
import dev.carrel.agent.gate.SiteSecret;
import dev.carrel.drivers.CredentialKind;
import dev.carrel.drivers.GateActuator;
import dev.carrel.drivers.GateState;
import dev.carrel.drivers.SystemScheduler;
import dev.carrel.drivers.fake.FakeCredentialReader;
import dev.carrel.drivers.fake.FakeIndicator;
import dev.carrel.protocol.AllowlistDelta;
import dev.carrel.protocol.AuthorisationRequest;
import dev.carrel.protocol.AuthorisationResponse;
import dev.carrel.protocol.EventBody.GateDecision.Reason;
import dev.carrel.protocol.MobilePass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * Credential-to-relay latency of a local decision at the gate: a fake reader presents, the real {@link
 * Gate} (HMAC, in-memory allow-list, effects) pulses a relay that notes the time. The baseline, measured in
 * the same run, is the HMAC alone. Also: mobile-pass scans, allow-list snapshot apply and load, and the
 * allow-list's heap. Not a test (no *Test name); run it with the command in docs/benchmarks.md.
 */
public final class GateBenchmark {
    private static final int PATRONS = 100_000;
    private static final int WARM_UP = 20_000;
    private static final int TAPS = 100_000;
    private static final int PASSES = 10_000;

    /** A relay that notes when it was pulsed: the end of the measured span. */
    private static final class TimedRelay implements GateActuator {
        long pulsedAt;

        @Override
        public void pulse() {
            pulsedAt = System.nanoTime();
        }

        @Override
        public void pulse(Duration length) {
            pulse();
        }

        @Override
        public GateState state() {
            return GateState.CLOSED;
        }

        @Override
        public String id() {
            return "bench-relay";
        }

        @Override
        public Optional<dev.carrel.drivers.DriverFault> fault() {
            return Optional.empty();
        }

        @Override
        public void close() {}
    }

    private static final KioskNotifier QUIET_KIOSK = new KioskNotifier() {
        @Override
        public void greet(Optional<String> shortName, List<String> reminders) {}

        @Override
        public void refuse(Reason reason) {}

        @Override
        public void farewell(
                Optional<dev.carrel.protocol.CredentialHash> patron, Optional<String> shortName, List<String> r) {}
    };

    private static final HubAuthoriser NO_HUB = new HubAuthoriser() {
        @Override
        public boolean online() {
            return false;
        }

        @Override
        public CompletableFuture<AuthorisationResponse> authorise(AuthorisationRequest request) {
            throw new IllegalStateException("a local decision must not ask the hub");
        }
    };

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("gate-bench");
        SiteSecret secret = SiteSecret.of(new byte[32]);
        CredentialHasher hasher = new CredentialHasher(secret);
        KeyPair hubKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String[] cards = new String[PATRONS];
        List<AllowlistDelta.Entry> entries = new ArrayList<>(PATRONS);
        for (int i = 0; i < PATRONS; i++) {
            cards[i] = String.format("04%06X", i);
            entries.add(new AllowlistDelta.Entry(
                    hasher.hash(dev.carrel.protocol.CredentialKind.CARD_UID, cards[i]),
                    "p-" + i,
                    "Reader " + i,
                    Optional.empty()));
        }
        System.out.printf(
                "Gate benchmark: %,d patrons on the allow-list, %,d taps after %,d warm-up%n", PATRONS, TAPS, WARM_UP);
        allowlistFigures(dir, entries);
        entries = null;

        try (SystemScheduler time = new SystemScheduler();
                Allowlist allowlist = Allowlist.open(dir.resolve("allowlist.db"))) {
            GateConfig config = new GateConfig(
                    "gate-bench",
                    secret,
                    "main-library",
                    List.of(hubKey.getPublic()),
                    Duration.ofSeconds(30),
                    Duration.ofMillis(800),
                    GateConfig.Fallback.DENY);
            TimedRelay relay = new TimedRelay();
            Gate gate = new Gate(
                    config,
                    hasher,
                    new Authority(config, allowlist, new PassVerifier(config, time), NO_HUB, time),
                    new GateEffects(relay, new FakeIndicator("led"), QUIET_KIOSK, Reminders.NONE, body -> {}));
            FakeCredentialReader reader = new FakeCredentialReader("reader-1");
            gate.attach(reader);

            Random random = new Random(1);
            long[] baseline = new long[TAPS];
            long[] local = new long[TAPS];
            for (int round = 0; round < 2; round++) {
                int n = round == 0 ? WARM_UP : TAPS;
                for (int i = 0; i < n; i++) {
                    String card = cards[random.nextInt(PATRONS)];
                    long t0 = System.nanoTime();
                    hasher.hash(dev.carrel.protocol.CredentialKind.CARD_UID, card);
                    long t1 = System.nanoTime();
                    relay.pulsedAt = 0;
                    reader.present(CredentialKind.CARD_UID, card);
                    if (relay.pulsedAt == 0) {
                        throw new IllegalStateException("a listed card did not open the gate");
                    }
                    if (round == 1) {
                        baseline[i] = t1 - t0;
                        local[i] = relay.pulsedAt - t1;
                    }
                }
            }
            report("baseline: HMAC-SHA256 alone", baseline);
            report("local decision, card → relay", local);

            long[] passes = new long[PASSES];
            String[] texts = new String[PASSES];
            for (int i = 0; i < PASSES; i++) {
                texts[i] = MobilePass.create("main-library", "p-" + i, time.now(), Duration.ofMinutes(5))
                        .issue(hubKey.getPrivate());
            }
            for (int i = 0; i < PASSES; i++) {
                relay.pulsedAt = 0;
                long t0 = System.nanoTime();
                reader.present(CredentialKind.QR, texts[i]);
                passes[i] = relay.pulsedAt - t0;
            }
            report("mobile pass (Ed25519) → relay", Arrays.copyOfRange(passes, PASSES / 5, PASSES));
        }
    }

    private static void allowlistFigures(Path dir, List<AllowlistDelta.Entry> entries) throws Exception {
        long t0 = System.nanoTime();
        try (Allowlist list = Allowlist.open(dir.resolve("allowlist.db"))) {
            list.apply(new AllowlistDelta(0, 1, true, entries, List.of()));
        }
        long applied = System.nanoTime() - t0;
        long before = usedHeap();
        t0 = System.nanoTime();
        Allowlist list = Allowlist.open(dir.resolve("allowlist.db"));
        long loaded = System.nanoTime() - t0;
        long after = usedHeap();
        System.out.printf(
                "allow-list snapshot of %,d applied in %,d ms; loaded at start-up in %,d ms; %.1f MB of heap%n",
                list.size(), applied / 1_000_000, loaded / 1_000_000, (after - before) / 1e6);
        list.close();
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(
                "%-34s p50 %7.1f µs   p99 %7.1f µs   max %8.1f µs%n",
                what,
                sorted[sorted.length / 2] / 1e3,
                sorted[(int) (sorted.length * 0.99)] / 1e3,
                sorted[sorted.length - 1] / 1e3);
    }
}
