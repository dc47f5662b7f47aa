package dev.carrel.agent.seats;

/** The answer to a patron's or staff's request on a seat: done, with the seat as it is now, or refused. */
public sealed interface SeatResult {

    record Done(Seat seat) implements SeatResult {}

    /**
     * Refused, nothing changed: a code for screens that translate (the kiosk speaks two languages) and a
     * reason in words for logs and command replies.
     */
    record Refused(Code code, String reason) implements SeatResult {}

    /** Why a seat request was refused; {@link #wire()} is what the kiosk's pages translate. */
    enum Code {
        NO_SUCH_SEAT,
        SEAT_OUT_OF_ORDER,
        SEAT_RESERVED,
        SEAT_TAKEN,
        NO_LEAVE_LEFT,
        NOT_YOUR_SEAT;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
