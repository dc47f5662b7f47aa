package dev.carrel.hub.reservations;

import java.util.Locale;

/**
 * A request the rules refuse: nothing changed. The code is for programs (the kiosk, the pass page), the
 * message for people. {@link Code#BANNED} answers 403, every other code 409.
 */
public final class Refused extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public enum Code {
        SEAT_TAKEN,
        WALK_UP_ONLY,
        OUTSIDE_WINDOW,
        CLOSED,
        BANNED,
        ALREADY_BOOKED,
        NOT_IN_LAST_HOUR,
        BOOKED_NEXT,
        NOT_LIVE,
        ALREADY_APPEALED,
        NOT_LONG_TERM,
        /** Seat check-in: before its window opens ({@code check-in-grace} before the start). */
        TOO_EARLY,
        /** Seat check-in: the grace period is over. */
        GRACE_OVER,
        /** Seat check-in: the scanned code is another seat's. */
        WRONG_SEAT,
        /** Seat check-in: done already. */
        ALREADY_CHECKED_IN,
        /** A room's cancellation inside {@code room-cancel-ahead} before its start. */
        TOO_LATE_TO_CANCEL,
        /** Peer report: the seat has no checked-in booking to report. */
        NOT_REPORTABLE,
        /** Peer report: the reporter holds the seat. */
        OWN_SEAT,
        /** Peer report: the holder is on a temporary leave (LIBRARY.md: such a seat cannot be reported). */
        ON_LEAVE,
        /** Peer report: the seat's sensor sees someone there now. */
        SEAT_OCCUPIED,
        /** Peer report: the booking has an open report already. */
        ALREADY_REPORTED,
        /** Peer report: the reporter filed {@code peer-report-limit} reports in the last hour. */
        REPORT_LIMIT,
        /** Peer report: the hub knows gate passages today, and none of the reporter's. */
        NO_GATE_ENTRY;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Code code;

    public Refused(Code code, String message) {
        super(message);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
