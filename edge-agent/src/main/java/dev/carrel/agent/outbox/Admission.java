package dev.carrel.agent.outbox;

/**
 * What an append did.
 *
 * @param stored whether the new entry was written (false: it was telemetry and the budget was full)
 * @param evicted older droppable entries removed to make room for it
 * @param overBudget the outbox is beyond its budget after this append (only never-drop entries do that)
 */
public record Admission(boolean stored, long evicted, boolean overBudget) {

    static final Admission STORED = new Admission(true, 0, false);

    /** Entries lost by this append, the new one included when it was refused. */
    public long dropped() {
        return evicted + (stored ? 0 : 1);
    }
}
