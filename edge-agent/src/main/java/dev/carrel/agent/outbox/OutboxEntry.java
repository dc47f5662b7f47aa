package dev.carrel.agent.outbox;

import dev.carrel.protocol.EventId;
import java.util.Objects;

/**
 * One event as the outbox keeps it: the envelope fields it needs for ordering and the budget, and the exact
 * bytes to send. The payload array is not copied; callers must not change it after handing it over.
 *
 * @param type the event type on the wire ({@code events/{type}})
 * @param payload the encoded envelope, sent as it was when the event was made
 */
public record OutboxEntry(EventId id, long session, long seq, String type, Retention retention, byte[] payload) {

    public OutboxEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(payload, "payload");
        if (session < 1) {
            throw new IllegalArgumentException("session must be at least 1, got " + session);
        }
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative, got " + seq);
        }
        if (type.isEmpty()) {
            throw new IllegalArgumentException("type must not be empty");
        }
    }

    /** What this entry counts against the byte budget. */
    public long size() {
        return payload.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutboxEntry e
                && id.equals(e.id)
                && session == e.session
                && seq == e.seq
                && type.equals(e.type)
                && retention == e.retention
                && java.util.Arrays.equals(payload, e.payload);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "OutboxEntry[" + id + " " + type + " session " + session + " seq " + seq + ", " + payload.length
                + " bytes]";
    }
}
