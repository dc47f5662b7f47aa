package dev.carrel.hub.ingest;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import java.util.List;

/** Ingest counters, exported at {@code /observe/metrics} as {@code carrel_ingest_*_total}. */
public final class IngestMetrics {
    private final Counter accepted;
    private final Counter duplicates;
    private final Counter rejectedTopic;
    private final Counter rejectedPayload;
    private final Counter storeFailures;

    public IngestMetrics(MeterRegistry registry) {
        accepted = registry.getOrCreate(
                Counter.builder("carrel.ingest.accepted").description("Messages from agents stored and acknowledged"));
        duplicates = registry.getOrCreate(Counter.builder("carrel.ingest.duplicates")
                .description("Events whose id was already stored (re-deliveries)"));
        rejectedTopic = rejected(registry, "topic");
        rejectedPayload = rejected(registry, "payload");
        storeFailures = registry.getOrCreate(Counter.builder("carrel.ingest.store.failures")
                .description("Valid messages that the database refused"));
    }

    private static Counter rejected(MeterRegistry registry, String cause) {
        return registry.getOrCreate(Counter.builder("carrel.ingest.rejected")
                .description("Messages rejected as malformed, by cause")
                .tags(List.of(Tag.create("cause", cause))));
    }

    void accepted() {
        accepted.increment();
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

    public void storeFailure() {
        storeFailures.increment();
    }

    public long rejected() {
        return rejectedTopic.count() + rejectedPayload.count();
    }

    public long acceptedCount() {
        return accepted.count();
    }
}
