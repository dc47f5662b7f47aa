package dev.carrel.agent.seats;

import java.time.Instant;

/** The one pending deadline a seat can have; persisted, so a restart resumes it (LIBRARY.md). */
public record Deadline(Kind kind, Instant due) {

    public enum Kind {
        /** A check-in or reservation waits for presence; when due, the seat is released as a no-show. */
        CONFIRM,
        /** The holder is not seen; when due, a temporary leave starts by itself. */
        ABSENCE,
        /** A temporary leave; when due, the seat is released as an overrun leave. */
        LEAVE
    }

    public boolean dueBy(Instant now) {
        return !due.isAfter(now);
    }
}
