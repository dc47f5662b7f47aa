package dev.carrel.hub.patrons;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One CSV import as it runs, for {@code GET /api/patrons/imports/{id}}: its progress ({@code processed} of
 * {@code total} rows), its counts, and the first {@value #MAX_ERRORS} row errors. Thread-safe: the import
 * writes it while the API reads {@link #report()}.
 */
public final class ImportJob {
    static final int MAX_ERRORS = 1_000;

    /** Where an import is. */
    public enum State {
        QUEUED,
        RUNNING,
        DONE,
        FAILED
    }

    /**
     * What {@code GET /api/patrons/imports/{id}} shows. {@code removalsNeedConfirmation}: the file would
     * remove more patrons than the limit allows without a confirmation (a dry run says so; a real import
     * without one was refused).
     */
    public record Report(
            String id,
            boolean dryRun,
            boolean removeMissing,
            State state,
            int total,
            int processed,
            int added,
            int changed,
            int unchanged,
            int removed,
            boolean removalsNeedConfirmation,
            int failed,
            List<PatronRows.RowError> errors,
            List<String> ignoredColumns,
            Instant startedAt,
            Optional<Instant> finishedAt) {}

    private final String id;
    private final boolean dryRun;
    private final boolean removeMissing;
    private final OptionalInt confirmRemovals;
    private final Instant startedAt;
    private State state = State.QUEUED;
    private int total;
    private int processed;
    private int added;
    private int changed;
    private int unchanged;
    private int removed;
    private boolean removalsNeedConfirmation;
    private int failed;
    private final List<PatronRows.RowError> errors = new ArrayList<>();
    private List<String> ignored = List.of();
    private Optional<Instant> finishedAt = Optional.empty();

    ImportJob(String id, boolean dryRun, boolean removeMissing, Instant startedAt) {
        this(id, dryRun, removeMissing, startedAt, OptionalInt.empty());
    }

    ImportJob(String id, boolean dryRun, boolean removeMissing, Instant startedAt, OptionalInt confirmRemovals) {
        this.id = id;
        this.dryRun = dryRun;
        this.removeMissing = removeMissing;
        this.startedAt = startedAt;
        this.confirmRemovals = confirmRemovals;
    }

    public String id() {
        return id;
    }

    public boolean dryRun() {
        return dryRun;
    }

    boolean removeMissing() {
        return removeMissing;
    }

    /** How many removals the request confirmed, if it did. */
    OptionalInt confirmRemovals() {
        return confirmRemovals;
    }

    synchronized void removalsNeedConfirmation() {
        removalsNeedConfirmation = true;
    }

    synchronized void start(int rows, List<String> ignoredColumns) {
        state = State.RUNNING;
        total = rows;
        ignored = List.copyOf(ignoredColumns);
    }

    synchronized void counted(Patrons.Outcome outcome) {
        processed++;
        switch (outcome) {
            case ADDED -> added++;
            case CHANGED -> changed++;
            case UNCHANGED -> unchanged++;
        }
    }

    synchronized void removed(int n) {
        removed += n;
    }

    synchronized void failed(List<PatronRows.RowError> rowErrors) {
        processed++;
        failed++;
        for (PatronRows.RowError e : rowErrors) {
            if (errors.size() < MAX_ERRORS) {
                errors.add(e);
            }
        }
    }

    synchronized void finish(State end, Instant at) {
        state = end;
        finishedAt = Optional.of(at);
    }

    synchronized void fileError(PatronRows.RowError error, Instant at) {
        errors.add(error);
        finish(State.FAILED, at);
    }

    public synchronized Report report() {
        return new Report(
                id,
                dryRun,
                removeMissing,
                state,
                total,
                processed,
                added,
                changed,
                unchanged,
                removed,
                removalsNeedConfirmation,
                failed,
                List.copyOf(errors),
                ignored,
                startedAt,
                finishedAt);
    }
}
