package dev.carrel.hub.reservations;

import dev.carrel.hub.ConfigValues;
import io.helidon.config.Config;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * The booking rules of one zone or room (LIBRARY.md, "Seat and room rules in practice"); the defaults are the
 * issue's. Validated once when the configuration is read; immutable after.
 *
 * @param walkUpOnly the zone's seats are never bookable, only taken on the spot
 * @param nextDayFrom from this local time, the next day can be booked too (before it, today only)
 * @param checkInGrace a same-day booking must be checked in (with presence) this long after its start
 * @param nextDayGrace a booking made the day before must be checked in this long after opening, or
 *     {@code checkInGrace} after its start when that is later
 * @param leave a temporary leave's length
 * @param mealLeave a temporary leave's length when it starts inside the meal window
 * @param leavesPerBooking temporary leaves a booking may take; a further one ends the booking
 * @param extensionWindow an extension may be asked this long before the end, not earlier
 * @param extensionMax the most one extension adds
 * @param seatMax the longest seat booking
 * @param roomMin the shortest room booking
 * @param roomMax the longest room booking
 * @param roomMinGroup members (the organiser included) a room booking needs
 * @param roomFormation the group must be complete this long after the start, else the room is released
 * @param longTerm seats of the zone can be held for weeks (the exam-preparation area)
 * @param longTermMaxWeeks the longest long-term hold
 * @param longTermQuota presence a long-term seat needs each week, as its sensor sees it, to stay held
 * @param roomCancelAhead a room booking can be cancelled until this long before its start, not later
 *     (LIBRARY.md: "cancel at least 60 minutes ahead"); zero turns the rule off
 * @param peerReportWindow a seat reported taken but empty must be checked in again this soon
 */
public record BookingRules(
        boolean walkUpOnly,
        LocalTime nextDayFrom,
        Duration checkInGrace,
        Duration nextDayGrace,
        Duration leave,
        Duration mealLeave,
        MealWindow meal,
        int leavesPerBooking,
        Duration extensionWindow,
        Duration extensionMax,
        Duration seatMax,
        Duration roomMin,
        Duration roomMax,
        int roomMinGroup,
        Duration roomFormation,
        boolean longTerm,
        int longTermMaxWeeks,
        Duration longTermQuota,
        Duration roomCancelAhead,
        Duration peerReportWindow) {

    /** The local times in which a temporary leave is a meal break. */
    public record MealWindow(LocalTime from, LocalTime to) {
        boolean contains(LocalTime t) {
            return !t.isBefore(from) && t.isBefore(to);
        }
    }

    public static final BookingRules DEFAULTS = new BookingRules(
            false,
            LocalTime.of(18, 0),
            Duration.ofMinutes(15),
            Duration.ofMinutes(30),
            Duration.ofMinutes(30),
            Duration.ofMinutes(60),
            new MealWindow(LocalTime.of(11, 0), LocalTime.of(13, 30)),
            1,
            Duration.ofHours(1),
            Duration.ofHours(2),
            Duration.ofHours(12),
            Duration.ofMinutes(30),
            Duration.ofMinutes(120),
            3,
            Duration.ofMinutes(15),
            false,
            8,
            Duration.ofHours(15),
            Duration.ofMinutes(60),
            Duration.ofMinutes(15));

    /** The leave a booking gets when a temporary leave starts at local time {@code t}. */
    public Duration leaveAt(LocalTime t) {
        return meal.contains(t) ? mealLeave : leave;
    }

    /**
     * These rules with the keys present under {@code c} changed; every other key keeps its value.
     *
     * @throws IllegalArgumentException naming the key when a value is wrong
     */
    public BookingRules with(Config c) {
        BookingRules r = new BookingRules(
                ConfigValues.bool(c, "walk-up-only", walkUpOnly),
                time(c, "next-day-from", nextDayFrom),
                ConfigValues.duration(c, "check-in-grace", checkInGrace),
                ConfigValues.duration(c, "next-day-grace", nextDayGrace),
                ConfigValues.duration(c, "leave", leave),
                ConfigValues.duration(c, "meal-leave", mealLeave),
                new MealWindow(time(c, "meal-from", meal.from()), time(c, "meal-to", meal.to())),
                ConfigValues.integer(c, "leaves-per-booking", leavesPerBooking, 0, 10),
                ConfigValues.duration(c, "extension-window", extensionWindow),
                ConfigValues.duration(c, "extension-max", extensionMax),
                ConfigValues.duration(c, "seat-max", seatMax),
                ConfigValues.duration(c, "room-min", roomMin),
                ConfigValues.duration(c, "room-max", roomMax),
                ConfigValues.integer(c, "room-min-group", roomMinGroup, 1, 50),
                ConfigValues.duration(c, "room-formation", roomFormation),
                ConfigValues.bool(c, "long-term", longTerm),
                ConfigValues.integer(c, "long-term-max-weeks", longTermMaxWeeks, 1, 52),
                ConfigValues.duration(c, "long-term-weekly-quota", longTermQuota),
                durationOrOff(c, "room-cancel-ahead", roomCancelAhead),
                ConfigValues.duration(c, "peer-report-window", peerReportWindow));
        if (r.roomMax.compareTo(r.roomMin) < 0) {
            throw new IllegalArgumentException(
                    "configuration key '" + c.get("room-max").key() + "' must not be shorter than room-min");
        }
        if (!r.meal.from().isBefore(r.meal.to())) {
            throw new IllegalArgumentException(
                    "configuration key '" + c.get("meal-to").key() + "' must be later than meal-from");
        }
        return r;
    }

    /** A duration where {@code 0} means the rule is off. */
    private static Duration durationOrOff(Config c, String key, Duration fallback) {
        boolean off = ConfigValues.string(c, key)
                .map(String::strip)
                .filter("0"::equals)
                .isPresent();
        return off ? Duration.ZERO : ConfigValues.duration(c, key, fallback);
    }

    private static LocalTime time(Config c, String key, LocalTime fallback) {
        var value = ConfigValues.string(c, key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return LocalTime.parse(value.get().strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("configuration key '"
                    + c.get(key).key() + "' must be a time such as 18:00, not '" + value.get() + "'");
        }
    }
}
