package dev.carrel.agent.outbox;

/**
 * The outbox's disk budget, by rows and by payload bytes (the file is larger by the per-row overhead that
 * docs/benchmarks.md measures). When a new entry does not fit, older droppable entries make room for it,
 * telemetry first, oldest first; a telemetry or record entry that still does not fit is refused; a
 * never-drop entry is stored anyway, beyond the budget (issue 4: never gate or seat events). Only the disk
 * itself can then refuse it, and that is an {@link OutboxException} for the caller.
 */
public record OutboxBudget(long maxRows, long maxBytes) {
    /** Room for a few days of a busy gate offline: two million events or 512 MiB of payload. */
    public static final OutboxBudget DEFAULT = new OutboxBudget(2_000_000, 512L * 1024 * 1024);

    public OutboxBudget {
        if (maxRows < 1) {
            throw new IllegalArgumentException("outbox max-rows must be at least 1, got " + maxRows);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("outbox max-bytes must be at least 1, got " + maxBytes);
        }
    }

    public boolean fits(long rows, long bytes) {
        return rows <= maxRows && bytes <= maxBytes;
    }
}
