package dev.carrel.hub.reservations;

import dev.carrel.hub.reservations.Refused.Code;
import dev.carrel.hub.schedules.Hours;
import dev.carrel.hub.schedules.Schedule;
import dev.carrel.protocol.InvalidFieldException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When a booking may start and how long it may last, and when its check-in is due: pure rules, in the
 * zone's local time (LIBRARY.md). Today can always be booked; tomorrow only from {@code nextDayFrom}; the
 * booking must lie within the day's opening hours where the building has a schedule.
 */
final class BookingWindow {
    private BookingWindow() {}

    /**
     * Checks a booking of {@code [start, start + length)} made at {@code now}.
     *
     * @param day the start day's hours; empty when the building has no schedule
     * @throws Refused outside the booking window or the opening hours
     * @throws InvalidFieldException naming {@code minutes} when the length breaks the rules
     */
    static void check(
            BookingRules rules,
            Booking.Kind kind,
            ZonedDateTime now,
            ZonedDateTime start,
            Duration length,
            Optional<Schedule.Day> day) {
        long minutes = length.toMinutes();
        if (kind == Booking.Kind.ROOM
                && (length.compareTo(rules.roomMin()) < 0 || length.compareTo(rules.roomMax()) > 0)) {
            throw new InvalidFieldException(
                    "minutes",
                    "a room is booked for " + rules.roomMin().toMinutes() + "-"
                            + rules.roomMax().toMinutes() + " minutes, not " + minutes);
        }
        if (kind == Booking.Kind.SEAT && length.compareTo(rules.seatMax()) > 0) {
            throw new InvalidFieldException(
                    "minutes", "a seat is booked for at most " + rules.seatMax().toMinutes() + " minutes");
        }
        LocalDate today = now.toLocalDate();
        LocalDate date = start.toLocalDate();
        if (date.equals(today.plusDays(1))) {
            if (now.toLocalTime().isBefore(rules.nextDayFrom())) {
                throw new Refused(Code.OUTSIDE_WINDOW, "tomorrow can be booked from " + rules.nextDayFrom() + " today");
            }
        } else if (!date.equals(today)) {
            throw new Refused(
                    Code.OUTSIDE_WINDOW, "bookings are for today, and for tomorrow from " + rules.nextDayFrom());
        }
        if (day.isEmpty()) {
            return;
        }
        Optional<Hours> hours = day.get().hours();
        if (hours.isEmpty()) {
            throw new Refused(Code.CLOSED, "the library is closed on " + date);
        }
        long from = start.toLocalTime().toSecondOfDay() / 60;
        long to = from + minutes;
        if (from < hours.get().open() || to > hours.get().close()) {
            throw new Refused(Code.CLOSED, "the library is open " + hours.get() + " on " + date);
        }
    }

    /**
     * When the check-in is due. Normally {@code checkInGrace} after the start. For a booking made the day before
     * (LIBRARY.md: "next-day bookings: by 30 minutes after opening"), {@code nextDayGrace} after the day's
     * opening, or {@code checkInGrace} after the start if that is later, so a next-day booking never gets less
     * time than a same-day one. Never after the end, so a booking shorter than the grace period never ends as a
     * no-show before it is over. Without a schedule there is no opening, and the normal grace applies.
     */
    static Instant graceUntil(
            BookingRules rules, ZonedDateTime now, ZonedDateTime start, Instant end, Optional<Schedule.Day> day) {
        Instant grace = start.toInstant().plus(rules.checkInGrace());
        if (start.toLocalDate().isAfter(now.toLocalDate())) {
            Optional<Hours> hours = day.flatMap(Schedule.Day::hours);
            if (hours.isPresent()) {
                Instant opening = start.toLocalDate()
                        .atStartOfDay(start.getZone())
                        .plusMinutes(hours.get().open())
                        .toInstant();
                Instant nextDay = opening.plus(rules.nextDayGrace());
                grace = nextDay.isAfter(grace) ? nextDay : grace;
            }
        }
        return grace.isAfter(end) ? end : grace;
    }
}
