package dev.carrel.hub.ingest;

import dev.carrel.hub.store.StoreWriter;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ingest meters, exported at {@code /observe/metrics} in Prometheus form: {@code carrel_ingest_*_total}
 * counters (the accepted counter's rate is the ingest rate), the latency from a message's arrival to its
 * acknowledgement after commit, and the store writer's group-commit time.
 */
public final class IngestMetrics implements StoreWriter.CommitListener {
    private static final double[] PERCENTILES = {0.5, 0.95, 0.99};

    private final Counter accepted;
    private final Counter duplicates;
    private final Counter rejectedTopic;
    private final Counter rejectedPayload;
    private final Counter storeFailures;
    private final Counter deadLetters;
    private final Counter sequenceGaps;
    private final Counter eventsMissing;
    private final Timer ackLatency;
    private final Timer commitTime;

    public IngestMetrics(MeterRegistry registry) {
        accepted = registry.getOrCreate(
                Counter.builder("carrel.ingest.accepted").description("Messages from agents stored and acknowledged"));
        duplicates = registry.getOrCreate(Counter.builder("carrel.ingest.duplicates")
                .description("Events whose id was already stored (re-deliveries)"));
        rejectedTopic = rejected(registry, "topic");
        rejectedPayload = rejected(registry, "payload");
        storeFailures = registry.getOrCreate(Counter.builder("carrel.ingest.store.failures")
                .description("Valid messages that the database refused"));
        deadLetters = registry.getOrCreate(Counter.builder("carrel.ingest.dead.letters")
                .description("Refused messages kept in the dead-letter table"));
        sequenceGaps = registry.getOrCreate(Counter.builder("carrel.ingest.sequence.gaps")
                .description("Times an agent's event seq jumped within a session"));
        eventsMissing = registry.getOrCreate(Counter.builder("carrel.ingest.events.missing")
                .description("Events skipped by those jumps (some may still arrive late)"));
        ackLatency = registry.getOrCreate(Timer.builder("carrel.ingest.latency")
                .description("From a message's arrival at the hub to its acknowledgement after commit")
                .percentiles(PERCENTILES)
                .maximumExpectedValue(Duration.ofSeconds(10)));
        commitTime = registry.getOrCreate(Timer.builder("carrel.store.commit")
                .description("Duration of one group commit of the store writer")
                .percentiles(PERCENTILES)
                .maximumExpectedValue(Duration.ofSeconds(10)));
    }

    private static Counter rejected(MeterRegistry registry, String cause) {
        return registry.getOrCreate(Counter.builder("carrel.ingest.rejected")
                .description("Messages rejected as malformed, by cause")
                .tags(List.of(Tag.create("cause", cause))));
    }

    void accepted(long arrivedNanos) {
        accepted.increment();
        ackLatency.record(System.nanoTime() - arrivedNanos, TimeUnit.NANOSECONDS);
    }

    void duplicate() {
        duplicates.increment();
    }

    void rejectedTopic() {
        rejectedTopic.increment();
    }

    void rejectedPayload() {
        rejectedPayload.increment();
    }

    void deadLetter() {
        deadLetters.increment();
    }

    void gap(long missing) {
        sequenceGaps.increment();
        eventsMissing.increment(missing);
    }

    public void storeFailure() {
        storeFailures.increment();
    }

    @Override
    public void committed(int writes, long nanos) {
        commitTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    public long rejected() {
        return rejectedTopic.count() + rejectedPayload.count();
    }

    public long acceptedCount() {
        return accepted.count();
    }

    public long deadLetterCount() {
        return deadLetters.count();
    }

    /** Arrival-to-acknowledgement latency: the ack-after-commit price a message pays. */
    public Timer latency() {
        return ackLatency;
    }

    /** Group-commit durations. */
    public Timer commits() {
        return commitTime;
    }
}
