package dev.carrel.drivers;

import java.time.Duration;
import java.time.Instant;

/**
 * Time for drivers: the current instant and delayed tasks. Production uses {@link SystemScheduler};
 * tests use {@code fake.ManualScheduler} and move time by hand, so no test sleeps to wait for a
 * debounce, a hold time or a back-off.
 *
 * <p>Tasks must be short and must not block; an exception from a task is caught and logged.
 */
public interface Scheduler {

    Instant now();

    /** Monotonic nanoseconds, for measuring gaps (Wiegand inter-bit timing). */
    long nanoTime();

    Cancellable schedule(Duration delay, Runnable task);

    /** A handle to a scheduled task. Cancelling twice, or after it ran, does nothing. */
    interface Cancellable {
        void cancel();

        Cancellable NONE = () -> {};
    }
}
