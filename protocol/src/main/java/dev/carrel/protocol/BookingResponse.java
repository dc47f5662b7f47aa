package dev.carrel.protocol;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The hub's answer to a {@link BookingRequest}: {@code booked} with the booking's id and times, {@code refused}
 * with the rule's {@code code} ({@code seat_taken}, {@code banned}, {@code outside_window},
 * {@code walk_up_only}, ... as the reservations REST API names them), or {@code invalid} with the request's
 * {@code field} that was wrong. {@code reason} is an English sentence for logs; a kiosk shows its own text
 * for the code. A room booked at its door kiosk is {@code booked} with the room's {@code joinCode} (six digits)
 * and {@code groupSize}, the members it needs, the organiser included; both are absent for a seat, and a
 * reader that does not know them still reads the rest (docs/mqtt-contract.md).
 */
public record BookingResponse(
        Outcome outcome,
        Optional<String> bookingId,
        Optional<String> seat,
        Optional<Instant> start,
        Optional<Instant> end,
        Optional<String> code,
        Optional<String> field,
        Optional<String> reason,
        Optional<String> joinCode,
        Optional<Integer> groupSize)
        implements Message {

    public enum Outcome {
        BOOKED,
        REFUSED,
        INVALID;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public BookingResponse {
        Check.present("outcome", outcome);
        bookingId = Check.optional("bookingId", bookingId);
        seat = Check.optional("seat", seat);
        start = Check.optional("start", start);
        end = Check.optional("end", end);
        code = Check.optional("code", code);
        field = Check.optional("field", field);
        reason = Check.optional("reason", reason);
        joinCode = Check.optional("joinCode", joinCode);
        groupSize = Check.optional("groupSize", groupSize);
        joinCode.ifPresent(c -> {
            if (!c.matches("[0-9]{6}")) {
                throw new InvalidFieldException("joinCode", "must be six digits");
            }
        });
        groupSize.ifPresent(n -> Check.range("groupSize", n, 1, 100));
        bookingId.ifPresent(id -> Check.localId("bookingId", id));
        seat.ifPresent(s -> Check.localId("seat", s));
        code.ifPresent(c -> Check.localId("code", c));
        field.ifPresent(f -> Check.text("field", f, 64));
        reason.ifPresent(r -> Check.text("reason", r, 200));
        switch (outcome) {
            case BOOKED -> {
                Check.present("bookingId", bookingId.orElse(null));
                Check.present("start", start.orElse(null));
                Check.present("end", end.orElse(null));
            }
            case REFUSED -> Check.present("code", code.orElse(null));
            case INVALID -> Check.present("field", field.orElse(null));
        }
    }

    public static BookingResponse booked(String bookingId, String seat, Instant start, Instant end) {
        return booked(bookingId, seat, start, end, Optional.empty(), Optional.empty());
    }

    /** A room booked through its seat: the group forms with {@code joinCode} until it has {@code groupSize}. */
    public static BookingResponse bookedRoom(
            String bookingId, String seat, Instant start, Instant end, String joinCode, int groupSize) {
        return booked(bookingId, seat, start, end, Optional.of(joinCode), Optional.of(groupSize));
    }

    private static BookingResponse booked(
            String bookingId,
            String seat,
            Instant start,
            Instant end,
            Optional<String> joinCode,
            Optional<Integer> groupSize) {
        return new BookingResponse(
                Outcome.BOOKED,
                Optional.of(bookingId),
                Optional.of(seat),
                Optional.of(start),
                Optional.of(end),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                joinCode,
                groupSize);
    }

    public static BookingResponse refused(String code, String reason) {
        return new BookingResponse(
                Outcome.REFUSED,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(code),
                Optional.empty(),
                Optional.of(clip(reason)),
                Optional.empty(),
                Optional.empty());
    }

    public static BookingResponse invalid(String field, String reason) {
        return new BookingResponse(
                Outcome.INVALID,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(clip(field.isBlank() ? "$" : field)),
                Optional.of(clip(reason)),
                Optional.empty(),
                Optional.empty());
    }

    private static String clip(String s) {
        String t = s.isBlank() ? "-" : s.strip();
        return t.length() > 200 ? t.substring(0, 200) : t;
    }
}
