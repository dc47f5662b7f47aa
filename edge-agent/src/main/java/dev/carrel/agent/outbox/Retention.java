package dev.carrel.agent.outbox;

import dev.carrel.protocol.EventType;

/**
 * How far an event may be sacrificed when the outbox reaches its disk budget (issue 4: telemetry is dropped
 * first, never gate or seat events). Order matters: a lower {@link #code()} is dropped earlier.
 */
public enum Retention {
    /** Device state that the next reading repeats: dropped first, oldest first. */
    TELEMETRY(0),
    /** Worth keeping, but not a gate or seat record: dropped only once no telemetry is left. */
    RECORD(1),
    /** Gate and seat events: never dropped; stored even beyond the budget. */
    NEVER_DROP(2);

    private final int code;

    Retention(int code) {
        this.code = code;
    }

    /** The value stored in the outbox file; fixed, unlike the ordinal. */
    public int code() {
        return code;
    }

    public boolean droppable() {
        return this != NEVER_DROP;
    }

    /** Whether an entry of this retention may make room for a new entry of {@code incoming} retention. */
    boolean evictableFor(Retention incoming) {
        return droppable() && code <= Math.min(incoming.code, RECORD.code);
    }

    public static Retention of(int code) {
        for (Retention r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        throw new IllegalArgumentException("no retention with code " + code);
    }

    /** The policy per event type. A switch without default: a new event type must be placed here. */
    public static Retention of(EventType type) {
        return switch (type) {
            case CREDENTIAL_PRESENTED,
                    GATE_DECISION,
                    GATE_PASSAGE,
                    SEAT_STATE_CHANGED,
                    SEAT_VIOLATION,
                    EVENT_CHECK_IN -> NEVER_DROP;
            case PRESENCE_CHANGED, LAMP_STATE, OUTLET_STATE -> TELEMETRY;
            case FEEDBACK, FAULT -> RECORD;
        };
    }
}
