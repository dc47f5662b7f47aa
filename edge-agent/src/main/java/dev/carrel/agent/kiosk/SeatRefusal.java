package dev.carrel.agent.kiosk;

/**
 * A seat action's refusal as a code the page translates. The seat sessions word their refusals for people
 * ({@code SeatResult.Refused}); the kiosk speaks two languages, so it sends a code beside that text.
 */
final class SeatRefusal {
    private SeatRefusal() {}

    static String code(String reason) {
        if (reason.contains("out of order")) {
            return "seat_out_of_order";
        }
        if (reason.contains("reserved")) {
            return "seat_reserved";
        }
        if (reason.contains("taken") || reason.contains("not free")) {
            return "seat_taken";
        }
        if (reason.contains("temporary leave")) {
            return "no_leave_left";
        }
        if (reason.contains("do not hold")) {
            return "not_your_seat";
        }
        return "refused";
    }
}
