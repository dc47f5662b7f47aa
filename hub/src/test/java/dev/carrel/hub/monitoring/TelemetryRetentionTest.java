package dev.carrel.hub.monitoring;

import static dev.carrel.hub.monitoring.MonitoringFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Status;
import dev.carrel.protocol.Telemetry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Telemetry stays sample by sample for a day, then the periodic job folds it into 5-minute buckets. */
class TelemetryRetentionTest {
    private static final AgentId AGENT = AgentId.of("reading-room-2");

    @TempDir
    Path dir;

    private MonitoringFixture f;

    @BeforeEach
    void open() throws Exception {
        f = new MonitoringFixture(dir);
        f.deliver(AGENT, new Status.Birth(1, "1.0.0", List.of(), T0));
    }

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    @Test
    void retain_beforeADayHasPassed_keepsEverySample() throws Exception {
        sendEveryMinute(10);
        f.clock.advance(Duration.ofHours(23));

        Retention.Result result = f.jobs.retain().get(5, TimeUnit.SECONDS);

        assertEquals(0, result.samplesFolded());
        assertEquals(10, history(T0, T0.plus(Duration.ofDays(2))).samples().size());
    }

    @Test
    void retain_afterADay_foldsSamplesIntoBucketsWithMinAvgMax_andDeletesThem() throws Exception {
        sendEveryMinute(10); // 09:00 .. 09:09: buckets 09:00-09:05 and 09:05-09:10
        f.clock.advance(Duration.ofDays(1).plusMinutes(30));
        sendEveryMinute(3); // recent: stays at full resolution

        Retention.Result result = f.jobs.retain().get(5, TimeUnit.SECONDS);

        assertEquals(10, result.samplesFolded());
        TelemetryHistory h = history(T0, T0.plus(Duration.ofDays(2)));
        assertEquals(3, h.samples().size());
        assertEquals(2, h.buckets().size());
        TelemetryHistory.Bucket first = h.buckets().getFirst();
        assertEquals(T0, first.start());
        assertEquals(T0.plus(Duration.ofMinutes(5)), first.end());
        assertEquals(5, first.samples());
        assertEquals(new TelemetryHistory.Range(1000, 1002, 1004), first.heapUsedBytes());
        assertEquals(Optional.of(new TelemetryHistory.Range(40, 42, 44)), first.cpuTemperatureC());
        assertEquals(new TelemetryHistory.Range(0, 20, 40), first.outboxDepth());
        assertEquals(
                new TelemetryHistory.Range(1005, 1007, 1009), h.buckets().get(1).heapUsedBytes());
    }

    @Test
    void retain_lateSampleForAFoldedBucket_isMergedIntoIt() throws Exception {
        sendEveryMinute(2); // 09:00, 09:01
        f.clock.advance(Duration.ofDays(1).plusMinutes(30));
        f.jobs.retain().get(5, TimeUnit.SECONDS);

        // A sample measured at 09:02 the day before arrives now (an agent's backlog); it is folded a day later.
        f.deliver(AGENT, sample(T0.plus(Duration.ofMinutes(2)), 1100, Optional.empty(), 90));
        f.clock.advance(Duration.ofDays(1).plusMinutes(30));
        f.jobs.retain().get(5, TimeUnit.SECONDS);

        TelemetryHistory.Bucket bucket =
                history(T0, T0.plus(Duration.ofHours(1))).buckets().getFirst();
        assertEquals(3, bucket.samples());
        assertEquals(new TelemetryHistory.Range(1000, (1000 + 1001 + 1100) / 3.0, 1100), bucket.heapUsedBytes());
        assertEquals(Optional.of(new TelemetryHistory.Range(40, 40.5, 41)), bucket.cpuTemperatureC());
        assertEquals(90, bucket.outboxDepth().max());
    }

    @Test
    void retain_deletesBucketsAndDeadLettersPastTheirKeepTime() throws Exception {
        sendEveryMinute(1);
        f.clock.advance(Duration.ofDays(2));
        f.jobs.retain().get(5, TimeUnit.SECONDS);
        assertFalse(history(T0, T0.plus(Duration.ofHours(1))).buckets().isEmpty());

        f.clock.advance(f.settings.keepBuckets());
        Retention.Result result = f.jobs.retain().get(5, TimeUnit.SECONDS);

        assertEquals(1, result.bucketsDeleted());
        assertTrue(history(T0, T0.plus(Duration.ofHours(1))).buckets().isEmpty());
    }

    @Test
    void history_manySamples_isTruncatedAndSaysSo() throws Exception {
        sendEveryMinute(5);

        TelemetryHistory h = f.telemetry.history(AGENT.value(), T0, T0.plus(Duration.ofHours(1)), 3);

        assertEquals(3, h.samples().size());
        assertTrue(h.truncated());
    }

    /** {@code n} samples a minute apart from the clock's now: heap 1000+i, temperature 40+i, outbox 10*i. */
    private void sendEveryMinute(int n) throws Exception {
        Instant start = f.clock.instant();
        for (int i = 0; i < n; i++) {
            int k = (int) Duration.between(T0, start).toMinutes() % 1000 + i;
            f.deliver(
                    AGENT,
                    sample(
                            start.plus(Duration.ofMinutes(i)),
                            1000 + (k % 1000),
                            Optional.of(40.0 + (k % 5)),
                            10L * (k % 5)));
        }
    }

    private static Telemetry sample(Instant ts, long heap, Optional<Double> celsius, long outbox) {
        return new Telemetry(ts, 60, heap, 1 << 24, celsius, outbox, 0);
    }

    private TelemetryHistory history(Instant from, Instant to) throws Exception {
        return f.telemetry.history(AGENT.value(), from, to, 10_000);
    }
}
