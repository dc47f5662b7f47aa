package dev.carrel.hub.reservations;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A reservation of a seat or a room. {@code booked → checked_in → completed}, or it ends early as
 * {@code cancelled}, {@code no_show} or {@code released} (leave overrun, group not formed, seat released at
 * the seat); a room is {@code forming} until its group is complete. A booking holds its resource only in the
 * {@linkplain State#live() live} states.
 *
 * @param holder the credential hash the seat's agent holds the seat for (seats only)
 * @param checkedInAt when a check-in at the seat was seen; it holds the seat only with presence, where the
 *     seat has a sensor ({@code presenceAt})
 * @param reportDue a peer report is open: the holder must check in again at the seat by then, or lose it
 */
public record Booking(
        String id,
        Kind kind,
        String resourceId,
        String zoneId,
        String patronId,
        Optional<String> holder,
        Instant start,
        Instant end,
        Instant graceUntil,
        State state,
        Optional<String> reason,
        Optional<String> joinCode,
        int minGroup,
        Optional<Instant> checkedInAt,
        Optional<String> checkInSource,
        Optional<Instant> presenceAt,
        int leavesUsed,
        Optional<Instant> leaveUntil,
        Optional<Instant> reportDue,
        boolean pushed,
        Instant created) {

    public enum Kind {
        SEAT,
        ROOM;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum State {
        FORMING,
        BOOKED,
        CHECKED_IN,
        COMPLETED,
        CANCELLED,
        NO_SHOW,
        RELEASED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static State of(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }

        /** Holds its seat or room. */
        public boolean live() {
            return this == FORMING || this == BOOKED || this == CHECKED_IN;
        }
    }
}
