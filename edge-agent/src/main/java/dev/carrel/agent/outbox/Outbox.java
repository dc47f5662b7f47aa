package dev.carrel.agent.outbox;

import java.util.List;

/**
 * Where events wait until the broker has acknowledged them: shaped like Paho's
 * {@code MqttClientPersistence}, small on purpose. {@link SqliteOutbox} is the agent's; {@link MemoryOutbox}
 * is the fake for unit tests. Both apply the same {@link OutboxBudget} policy.
 *
 * <p>A caller must honour: an {@link #append} that returns has committed the entry (durably, for the SQLite
 * one) or refused it by the budget; entries come back from {@link #peek} in append order; an entry leaves
 * only by {@link #remove} (after its acknowledgement) or by eviction under the budget. Methods are
 * thread-safe. Failures are {@link OutboxException}s and change nothing.
 */
public interface Outbox extends AutoCloseable {

    /** Stores one entry, first making room under the budget if need be. */
    Admission append(OutboxEntry entry);

    /**
     * Stores entries in one commit (for bulk loads and benchmarks).
     *
     * @return how many entries were dropped by the budget, new or old
     */
    long appendAll(List<OutboxEntry> entries);

    /** Up to {@code max} entries after {@code afterPosition}, oldest first; 0 starts at the oldest. */
    List<Queued> peek(long afterPosition, int max);

    /** Forgets acknowledged entries; positions no longer present are ignored (a duplicate PUBACK). */
    void remove(List<Long> positions);

    /** Entries waiting. */
    long size();

    /** Payload bytes waiting, as counted by the budget. */
    long bytes();

    /** Entries ever committed, surviving restarts; with {@link #dropped()} it accounts for every event. */
    long appended();

    /** Entries ever dropped by the budget (refused or evicted), surviving restarts. */
    long dropped();

    /**
     * The next {@code seq} for {@code session}: one after the last entry appended in that session, or 0 when
     * the last entry belongs to another session (DESIGN §4: seq counts within a session).
     */
    long nextSeq(long session);

    @Override
    void close();
}
