package dev.carrel.agent.seats;

/** The answer to a patron's or staff's request on a seat: done, with the seat as it is now, or refused. */
public sealed interface SeatResult {

    record Done(Seat seat) implements SeatResult {}

    /** Refused, with a reason a kiosk can show; nothing changed. */
    record Refused(String reason) implements SeatResult {}
}
