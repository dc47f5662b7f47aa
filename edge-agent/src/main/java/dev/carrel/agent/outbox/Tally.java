package dev.carrel.agent.outbox;

/**
 * What an outbox holds, by retention, and its lasting counters: the numbers the budget policy decides on.
 * Each outbox keeps one in memory (rebuilt from the file at open) and copies it before a transaction, so a
 * failed commit leaves it as it was.
 */
final class Tally {
    /** Removes the oldest entry evictable for an incoming retention; false when there is none. */
    interface Evictor {
        boolean evictOldest(Retention incoming);
    }

    private final long[] rows = new long[Retention.values().length];
    private final long[] bytes = new long[Retention.values().length];
    long appended;
    long dropped;
    long seqSession;
    long nextSeq;

    Tally copy() {
        Tally t = new Tally();
        System.arraycopy(rows, 0, t.rows, 0, rows.length);
        System.arraycopy(bytes, 0, t.bytes, 0, bytes.length);
        t.appended = appended;
        t.dropped = dropped;
        t.seqSession = seqSession;
        t.nextSeq = nextSeq;
        return t;
    }

    long rows() {
        long n = 0;
        for (long r : rows) {
            n += r;
        }
        return n;
    }

    long bytes() {
        long n = 0;
        for (long b : bytes) {
            n += b;
        }
        return n;
    }

    void add(Retention retention, long rowCount, long size) {
        rows[retention.ordinal()] += rowCount;
        bytes[retention.ordinal()] += size;
    }

    void remove(Retention retention, long size) {
        rows[retention.ordinal()]--;
        bytes[retention.ordinal()] -= size;
    }

    long nextSeq(long session) {
        return session == seqSession ? nextSeq : 0;
    }

    /**
     * Applies the budget to an incoming entry: evicts what must go, counts what is lost, records the seq as
     * used (a refused entry leaves a gap in seq, which tells the hub something was dropped). The caller
     * stores the entry when the answer says {@code stored}, then calls {@link #stored}.
     */
    Admission admit(OutboxBudget budget, OutboxEntry entry, Evictor evictor) {
        seqSession = entry.session();
        nextSeq = entry.seq() + 1;
        if (entry.retention().droppable() && !fitsAfterEviction(budget, entry)) {
            dropped++;
            return new Admission(false, 0, !budget.fits(rows(), bytes()));
        }
        long evicted = 0;
        while (!budget.fits(rows() + 1, bytes() + entry.size()) && evictor.evictOldest(entry.retention())) {
            evicted++;
        }
        dropped += evicted;
        return evicted == 0 && budget.fits(rows() + 1, bytes() + entry.size())
                ? Admission.STORED
                : new Admission(true, evicted, !budget.fits(rows() + 1, bytes() + entry.size()));
    }

    void stored(OutboxEntry entry) {
        add(entry.retention(), 1, entry.size());
        appended++;
    }

    private boolean fitsAfterEviction(OutboxBudget budget, OutboxEntry entry) {
        long r = rows() + 1;
        long b = bytes() + entry.size();
        for (Retention candidate : Retention.values()) {
            if (candidate.evictableFor(entry.retention())) {
                r -= rows[candidate.ordinal()];
                b -= bytes[candidate.ordinal()];
            }
        }
        return budget.fits(r, b);
    }
}
