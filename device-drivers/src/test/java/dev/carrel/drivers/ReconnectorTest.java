package dev.carrel.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.drivers.fake.ManualScheduler;
import dev.carrel.drivers.fake.RecordingFaultListener;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReconnectorTest {

    private final ManualScheduler time = new ManualScheduler();
    private final RecordingFaultListener faults = new RecordingFaultListener();
    private final AtomicBoolean present = new AtomicBoolean(false);
    private final AtomicInteger attempts = new AtomicInteger();
    private final Reconnector reconnector =
            new Reconnector("radar", time, faults, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8)), () -> {
                attempts.incrementAndGet();
                if (!present.get()) {
                    throw new IOException("no such port /dev/ttyUSB0");
                }
            });

    @Test
    void start_deviceMissing_faultsAndRetriesWithDoublingBackoff() {
        reconnector.start();
        time.advance(Duration.ofSeconds(1)); // attempt 2
        time.advance(Duration.ofSeconds(2)); // attempt 3
        time.advance(Duration.ofSeconds(4)); // attempt 4
        time.advance(Duration.ofSeconds(8)); // attempt 5
        time.advance(Duration.ofSeconds(8)); // attempt 6, capped

        assertEquals(6, attempts.get());
        assertEquals(
                java.util.List.of(1L, 2L, 4L, 8L, 8L, 8L),
                faults.faults().stream().map(f -> f.retryIn().toSeconds()).toList());
        assertEquals(
                "no such port /dev/ttyUSB0", reconnector.fault().orElseThrow().reason());
    }

    @Test
    void retry_deviceReturns_recoversAndClearsFault() {
        reconnector.start();
        present.set(true);
        time.advance(Duration.ofSeconds(1));

        assertTrue(reconnector.fault().isEmpty());
        assertEquals(java.util.List.of("radar"), faults.recoveries());
    }

    @Test
    void lost_whileOpen_faultsOnceAndReopensAfterBackoff() {
        present.set(true);
        reconnector.start();
        reconnector.lost("read failed");
        reconnector.lost("read failed again");

        assertEquals(1, faults.faults().size());
        time.advance(Duration.ofSeconds(1));
        assertEquals(2, attempts.get());
        assertTrue(reconnector.fault().isEmpty());
    }

    @Test
    void close_stopsRetrying() {
        reconnector.start();
        reconnector.close();
        time.advance(Duration.ofMinutes(5));

        assertEquals(1, attempts.get());
    }
}
