package dev.carrel.agent.gate;

import dev.carrel.agent.mqtt.Inbound;
import dev.carrel.protocol.AllowlistDelta;
import dev.carrel.protocol.PayloadException;
import dev.carrel.protocol.WireCodec;
import java.sql.SQLException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Feeds the hub's allow-list deltas from the agent's {@code credentials} topic into the {@link Allowlist}.
 * Register it before the connection starts: {@code connection.on(Topic.Kind.CREDENTIALS, sync::onDelta)}.
 *
 * <p>Decoding and applying run on the given executor (one thread, so deltas apply in arrival order), never on
 * Paho's callback thread: a campus snapshot takes a while to write. A malformed payload is logged and
 * counted and changes nothing. A delta that does not build on our version (a gap) is refused and reported
 * to the {@link SnapshotRequest}, whose job is to get the hub to send a snapshot (docs/gate.md: the agent
 * re-publishes its reported twin with {@code allowlistVersion}). Once the list is back in step with the hub,
 * {@link InStep} is told, so whoever reported the gap can stop saying so.
 */
public final class AllowlistSync {
    private static final Logger LOG = Logger.getLogger(AllowlistSync.class.getName());

    /** Told when the list needs a snapshot: it holds {@code have}, the hub sent a delta from {@code from}. */
    @FunctionalInterface
    public interface SnapshotRequest {
        void needed(long have, long from);
    }

    /**
     * Told when the list is in step with the hub's: a delta or snapshot was applied (it built on our version,
     * or replaced everything), or a snapshot arrived whose version we already hold. Called after every such
     * delta, gap or not; {@code version} is the list's version afterwards.
     */
    @FunctionalInterface
    public interface InStep {
        void at(long version);
    }

    private final Allowlist allowlist;
    private final Executor executor;
    private final SnapshotRequest snapshotRequest;
    private final InStep inStep;
    private final WireCodec codec = new WireCodec();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    public AllowlistSync(Allowlist allowlist, Executor executor, SnapshotRequest snapshotRequest) {
        this(allowlist, executor, snapshotRequest, version -> {});
    }

    public AllowlistSync(Allowlist allowlist, Executor executor, SnapshotRequest snapshotRequest, InStep inStep) {
        this.allowlist = allowlist;
        this.executor = executor;
        this.snapshotRequest = snapshotRequest;
        this.inStep = inStep;
    }

    /** The handler for the agent's {@code credentials} topic. */
    public void onDelta(Inbound inbound) {
        executor.execute(() -> apply(inbound));
    }

    private void apply(Inbound inbound) {
        AllowlistDelta delta;
        try {
            delta = codec.decode(inbound.topic(), inbound.payload(), AllowlistDelta.class);
        } catch (PayloadException e) {
            rejected.incrementAndGet();
            LOG.warning(() -> "malformed allow-list delta on " + inbound.topic() + " ignored: " + e.getMessage());
            return;
        }
        apply(delta);
    }

    /** Applies one decoded delta; public for a delta that arrives another way (a sync command's reply). */
    public void apply(AllowlistDelta delta) {
        long have = allowlist.version();
        Allowlist.Outcome outcome;
        try {
            outcome = allowlist.apply(delta);
        } catch (SQLException | RuntimeException e) {
            rejected.incrementAndGet();
            LOG.log(Level.SEVERE, "allow-list delta to version " + delta.toVersion() + " not applied", e);
            return;
        }
        switch (outcome) {
            case APPLIED -> {
                applied.incrementAndGet();
                LOG.info(() -> "allow-list now at version " + delta.toVersion() + " ("
                        + (delta.snapshot() ? "snapshot" : "delta") + ", " + allowlist.size() + " credentials)");
                inStep.at(allowlist.version());
            }
            case ALREADY_APPLIED -> {
                LOG.fine(() -> "allow-list delta to " + delta.toVersion() + " already applied");
                if (delta.snapshot()) {
                    // The hub's whole list is no newer than ours: nothing was missed. (A redelivered delta
                    // says nothing about a gap, so it does not count.)
                    inStep.at(allowlist.version());
                }
            }
            case GAP -> {
                gaps.incrementAndGet();
                LOG.warning(() -> "allow-list at version " + have + " got a delta from " + delta.fromVersion()
                        + "; asking for a snapshot");
                snapshotRequest.needed(have, delta.fromVersion());
            }
        }
    }

    public long applied() {
        return applied.get();
    }

    public long gaps() {
        return gaps.get();
    }

    /** Deltas refused as malformed or not stored. */
    public long rejected() {
        return rejected.get();
    }
}
