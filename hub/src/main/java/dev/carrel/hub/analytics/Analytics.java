package dev.carrel.hub.analytics;

import dev.carrel.hub.privacy.PatronData;
import dev.carrel.hub.spaces.SpaceModel;
import dev.carrel.hub.store.Database;
import dev.carrel.hub.store.StoreWriter;
import dev.carrel.hub.web.JsonResponses;
import io.helidon.webserver.http.HttpRouting;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The analytics librarians manage by (issue 7) and the retention of raw events (issue 6): daily rollups kept
 * up to date by a periodic job, views over them under {@code /api/analytics}, and the job that rolls up, seals
 * and deletes raw gate and seat events past {@code carrel.privacy.retention}. Both jobs go through the one
 * store writer, a day per write, so ingest is never held up for long; the clock is injected, so tests call
 * {@link #refresh()} and {@link #retain()} with a clock they move.
 */
public final class Analytics implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Analytics.class.getName());
    private static final long WAIT_SECONDS = 120;

    /** What analytics reads and writes through. */
    public record Base(
            Database database, StoreWriter writer, Supplier<SpaceModel> model, OpeningHours hours, Clock clock) {}

    private final Base base;
    private final AnalyticsSettings settings;
    private final Rollups rollups;
    private final RawRetention retention;
    private final List<SegmentColumn> columns = new CopyOnWriteArrayList<>();
    private final Object jobs = new Object();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("analytics-jobs").daemon(true).factory());

    private Analytics(AnalyticsSettings settings, Base base) {
        this.base = base;
        this.settings = settings;
        this.rollups = new Rollups(base.model(), base.hours(), settings);
        this.retention = new RawRetention(rollups, settings);
        this.columns.add(new Satisfaction());
    }

    public static Analytics open(AnalyticsSettings settings, Base base) {
        return new Analytics(settings, base);
    }

    /** Schedules the rollup and the retention job; the first rollup runs soon after start. */
    public Analytics start() {
        long every = settings.rollupEvery().toMillis();
        long retain = settings.retainEvery().toMillis();
        timer.scheduleWithFixedDelay(() -> quietly("rollup", this::refresh), 5_000, every, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(() -> quietly("retention", this::retain), retain, retain, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Rolls up every pending day as of the clock's now; returns the days rewritten, once committed. */
    public List<LocalDate> refresh() throws SQLException {
        synchronized (jobs) {
            Rollups.Pending pending = await(base.writer()
                    .call(
                            "analytics pending days",
                            c -> rollups.pending(c, base.clock().instant())));
            List<LocalDate> done = new ArrayList<>();
            for (LocalDate day : pending.days()) {
                if (await(base.writer()
                        .call(
                                "analytics day " + day,
                                c -> rollups.roll(c, day, base.clock().instant())))) {
                    done.add(day);
                }
            }
            await(base.writer().call("analytics rolled", c -> {
                rollups.finish(c, pending, base.clock().instant());
                return true;
            }));
            return done;
        }
    }

    /** Rolls up, seals and deletes raw gate and seat events past the retention, as of the clock's now. */
    public RawRetention.Result retain() throws SQLException {
        synchronized (jobs) {
            RawRetention.Result r = await(base.writer()
                    .call(
                            "raw event retention",
                            c -> retention.run(c, base.clock().instant())));
            if (r.eventsDeleted() > 0) {
                LOG.info(() -> "retention: deleted " + r.eventsDeleted() + " raw gate and seat events before "
                        + r.cutoff() + " after sealing " + r.daysSealed() + " days of rollups");
            }
            return r;
        }
    }

    /** The quarter's ({@code 2026-Q1}) top patrons by verified time, from the rollups, as the API ranks them. */
    public List<AwardStanding> verifiedTime(String quarter, int limit) throws SQLException {
        return base.database().read(c -> Leaderboard.fromRollups(c, quarter, limit));
    }

    /** The same answer computed from the raw events, day by day: slow; for checks and the benchmark's baseline. */
    public List<AwardStanding> verifiedTimeFromRaw(String quarter, int limit) throws SQLException {
        LocalDate[] days = PatronViews.quarter(quarter)
                .orElseThrow(() -> new IllegalArgumentException("not a quarter: " + quarter));
        long cap = settings.awardDailyCap().toMillis();
        return base.database()
                .read(c -> Leaderboard.fromRaw(
                        c, rollups.visitors(c), places(), days, base.clock().instant(), cap, limit));
    }

    /**
     * Takes loan counts from the library system ({@code patron_id,date,loans} CSV, docs/analytics.md); all rows or
     * none. Returns how many rows were written.
     *
     * @throws dev.carrel.protocol.InvalidFieldException naming the line and column of a bad value
     */
    public int loans(String csv) throws SQLException {
        List<Loans.Row> rows = Loans.parse(csv);
        dev.carrel.hub.spaces.Committed.write(base.writer(), "loan counts", c -> Loans.write(c, rows));
        return rows.size();
    }

    /** Lets the rollup tell a patron's mobile-pass entries (their credential is a keyed hash of the pseudonym). */
    public void passes(Visitors.PassHashes passes) {
        rollups.passes(passes);
    }

    /** Another feature's column in the patron segments (bookings, satisfaction). */
    public void addSegmentColumn(SegmentColumn column) {
        columns.add(column);
    }

    /** What analytics holds about a patron, for the privacy feature's export and erasure. */
    public PatronData patronData() {
        return new AnalyticsPatronData();
    }

    public void routing(HttpRouting.Builder r, JsonResponses responses) {
        r.register("/api/analytics", new AnalyticsService(this, responses));
    }

    Base base() {
        return base;
    }

    AnalyticsSettings settings() {
        return settings;
    }

    Places places() {
        return rollups.places();
    }

    List<SegmentColumn> columns() {
        return List.copyOf(columns);
    }

    private static <T> T await(CompletableFuture<T> write) throws SQLException {
        try {
            return write.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SQLException s ? s : new SQLException(e.getCause());
        } catch (TimeoutException e) {
            throw new SQLException("the store writer did not answer in " + WAIT_SECONDS + " s", e);
        }
    }

    private interface Job {
        Object run() throws SQLException;
    }

    private static void quietly(String what, Job job) {
        try {
            job.run();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "analytics " + what + " failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
