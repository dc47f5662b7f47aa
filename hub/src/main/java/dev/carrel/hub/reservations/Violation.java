package dev.carrel.hub.reservations;

import java.time.Instant;
import java.util.Optional;

/**
 * A no-show or an overrun leave held against a patron, with the evidence the hub had when it was recorded
 * (JSON). {@code counted} until an appeal is accepted, then {@code voided}.
 */
public record Violation(
        String id,
        String patronId,
        Optional<String> reservationId,
        String seatId,
        String kind,
        String source,
        Instant at,
        boolean exam,
        String evidence,
        String state,
        Optional<Appeal> appeal) {

    /** A patron's appeal and the staff member's decision. */
    public record Appeal(
            String id,
            String violationId,
            String patronId,
            String reason,
            Instant created,
            String state,
            Optional<String> decidedBy,
            Optional<Instant> decidedAt,
            Optional<String> note) {}

    /** A time without booking. */
    public record Ban(
            String id,
            String patronId,
            Instant from,
            Instant until,
            int violations,
            boolean exam,
            boolean repeated,
            String triggerId,
            boolean lifted) {}
}
