package dev.carrel.hub.monitoring;

import dev.carrel.hub.store.StoreWriter;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The periodic monitoring work: the offline sweep and the retention run, each submitted to the one store
 * writer so they never race ingest. Time comes from the injected clock, so tests call {@link #sweep()} and
 * {@link #retain()} with a clock they move.
 */
public final class MonitoringJobs implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MonitoringJobs.class.getName());

    private final StoreWriter writer;
    private final AlertRules rules;
    private final Retention retention;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("monitoring-jobs").daemon(true).factory());

    public MonitoringJobs(StoreWriter writer, AlertRules rules, Retention retention, Clock clock) {
        this.writer = writer;
        this.rules = rules;
        this.retention = retention;
        this.clock = clock;
    }

    /** Schedules both jobs at the settings' intervals; the first runs come after one interval. */
    public MonitoringJobs start(MonitoringSettings settings) {
        long sweep = settings.sweepEvery().toMillis();
        long retain = settings.downsampleEvery().toMillis();
        timer.scheduleWithFixedDelay(() -> quietly("offline sweep", this::sweep), sweep, sweep, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(() -> quietly("retention", this::retain), retain, retain, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Raises and clears offline alerts as of the clock's now; completes after the commit. */
    public CompletableFuture<Void> sweep() {
        return writer.call("offline sweep", c -> {
            rules.sweep(c, clock.instant());
            return null;
        });
    }

    /** Folds old telemetry and deletes expired rows as of the clock's now; completes after the commit. */
    public CompletableFuture<Retention.Result> retain() {
        return writer.call("retention", c -> retention.run(c, clock.instant()));
    }

    private static void quietly(String what, Supplier<CompletableFuture<?>> job) {
        try {
            job.get().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.WARNING, what + " failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
