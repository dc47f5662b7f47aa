package dev.carrel.protocol;

import java.time.Instant;

/**
 * The event envelope of {@code events/{type}}. {@code id} is unique, so every consumer dedupes on it;
 * {@code seq} orders events within one {@code session} and lets the hub notice gaps.
 */
public record Event(EventId id, long session, long seq, Instant ts, EventBody body) implements Message {

    public Event {
        Check.present("id", id);
        Check.range("session", session, 1, Long.MAX_VALUE);
        Check.range("seq", seq, 0, Long.MAX_VALUE);
        Check.present("ts", ts);
        Check.present("body", body);
    }

    public EventType type() {
        return body.type();
    }
}
