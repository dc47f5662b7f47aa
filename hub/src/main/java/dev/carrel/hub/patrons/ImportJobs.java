package dev.carrel.hub.patrons;

import dev.carrel.hub.store.StoreWriter;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Imports run one at a time on their own thread (a second one waits as {@code QUEUED}); the last
 * {@value #KEEP} stay visible with their reports. A job lives in memory only: after a restart its id is gone
 * (the patrons it wrote are not).
 */
public final class ImportJobs implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ImportJobs.class.getName());
    static final int KEEP = 20;
    /** A campus of 100,000 patrons exports about 10 MB; anything far larger is no campus-card export. */
    public static final int MAX_BYTES = 64 * 1024 * 1024;

    private final PatronImport importer;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("patron-import").daemon(true).factory());
    private final Map<String, ImportJob> jobs = new LinkedHashMap<>();

    /** With the default removal limit, {@value PatronImport#DEFAULT_REMOVAL_LIMIT_PERCENT}%. */
    public ImportJobs(Patrons patrons, StoreWriter writer, Clock clock) {
        this(patrons, writer, clock, PatronImport.DEFAULT_REMOVAL_LIMIT_PERCENT);
    }

    /**
     * @param removalLimitPercent the share of registered patrons an import may remove without the request
     *     confirming how many (see {@link #submit(String, boolean, boolean, OptionalInt)})
     */
    public ImportJobs(Patrons patrons, StoreWriter writer, Clock clock, int removalLimitPercent) {
        this.importer = new PatronImport(patrons, writer, clock, removalLimitPercent);
        this.clock = clock;
    }

    /** Queues an import of {@code csv} that confirms no removals, and returns its job at once. */
    public ImportJob submit(String csv, boolean dryRun, boolean removeMissing) {
        return submit(csv, dryRun, removeMissing, OptionalInt.empty());
    }

    /**
     * Queues an import of {@code csv} and returns its job at once. With {@code removeMissing}, a real import
     * that would remove more than the limit's share of the registered patrons is refused, changing nothing,
     * unless {@code confirmRemovals} is exactly the number it would remove (what a dry run reports as
     * {@code removed}); a confirmation that does not match is refused whatever the share.
     */
    public synchronized ImportJob submit(
            String csv, boolean dryRun, boolean removeMissing, OptionalInt confirmRemovals) {
        byte[] idBytes = new byte[8];
        random.nextBytes(idBytes);
        ImportJob job = new ImportJob(
                HexFormat.of().formatHex(idBytes), dryRun, removeMissing, clock.instant(), confirmRemovals);
        jobs.put(job.id(), job);
        while (jobs.size() > KEEP) {
            jobs.remove(jobs.keySet().iterator().next());
        }
        runner.execute(() -> {
            try {
                importer.run(job, csv);
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.WARNING, "patron import " + job.id() + " failed", e);
                job.fileError(new PatronRows.RowError(0, "$", "import stopped: " + e.getMessage()), clock.instant());
            }
        });
        return job;
    }

    public synchronized Optional<ImportJob> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
