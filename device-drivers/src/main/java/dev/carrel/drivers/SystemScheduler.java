package dev.carrel.drivers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The wall clock and one daemon timer thread. Close it when the agent stops. */
public final class SystemScheduler implements Scheduler, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SystemScheduler.class.getName());

    private final Clock clock;
    private final ScheduledExecutorService timer;

    public SystemScheduler() {
        this(Clock.systemUTC());
    }

    public SystemScheduler(Clock clock) {
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "carrel-driver-timer");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = timer.schedule(() -> runSafely(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "driver timer task failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
