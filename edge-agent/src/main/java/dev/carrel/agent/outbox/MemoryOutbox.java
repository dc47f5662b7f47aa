package dev.carrel.agent.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The in-memory outbox: the same contract and budget policy as {@link SqliteOutbox}, for unit tests. */
public final class MemoryOutbox implements Outbox {
    private final OutboxBudget budget;
    private final TreeMap<Long, OutboxEntry> entries = new TreeMap<>();
    private final Tally tally = new Tally();
    private long lastPosition;
    private boolean closed;

    public MemoryOutbox(OutboxBudget budget) {
        this.budget = budget;
    }

    @Override
    public synchronized Admission append(OutboxEntry entry) {
        open();
        Admission admission = tally.admit(budget, entry, this::evictOldest);
        if (admission.stored()) {
            entries.put(++lastPosition, entry);
            tally.stored(entry);
        }
        return admission;
    }

    @Override
    public synchronized long appendAll(List<OutboxEntry> batch) {
        long dropped = 0;
        for (OutboxEntry entry : batch) {
            dropped += append(entry).dropped();
        }
        return dropped;
    }

    private boolean evictOldest(Retention incoming) {
        for (Retention candidate : Retention.values()) {
            if (!candidate.evictableFor(incoming)) {
                continue;
            }
            for (Map.Entry<Long, OutboxEntry> e : entries.entrySet()) {
                if (e.getValue().retention() == candidate) {
                    entries.remove(e.getKey());
                    tally.remove(candidate, e.getValue().size());
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public synchronized List<Queued> peek(long afterPosition, int max) {
        open();
        List<Queued> out = new ArrayList<>(Math.min(max, entries.size()));
        for (Map.Entry<Long, OutboxEntry> e :
                entries.tailMap(afterPosition, false).entrySet()) {
            if (out.size() >= max) {
                break;
            }
            out.add(new Queued(e.getKey(), e.getValue()));
        }
        return out;
    }

    @Override
    public synchronized void remove(List<Long> positions) {
        open();
        for (long position : positions) {
            OutboxEntry gone = entries.remove(position);
            if (gone != null) {
                tally.remove(gone.retention(), gone.size());
            }
        }
    }

    @Override
    public synchronized long size() {
        return tally.rows();
    }

    @Override
    public synchronized long bytes() {
        return tally.bytes();
    }

    @Override
    public synchronized long appended() {
        return tally.appended;
    }

    @Override
    public synchronized long dropped() {
        return tally.dropped;
    }

    @Override
    public synchronized long nextSeq(long session) {
        return tally.nextSeq(session);
    }

    private void open() {
        if (closed) {
            throw new OutboxException("the outbox is closed");
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
