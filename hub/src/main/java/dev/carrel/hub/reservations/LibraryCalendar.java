package dev.carrel.hub.reservations;

import dev.carrel.hub.schedules.Schedule;
import dev.carrel.hub.schedules.Schedules;
import dev.carrel.hub.spaces.SpaceModel;
import dev.carrel.hub.spaces.Spaces;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A zone's local time, opening hours and exam days, from the space model and the building's schedule. A
 * building without a schedule has no hours to check and no exam days.
 */
final class LibraryCalendar {
    private final Spaces spaces;
    private final Supplier<Schedules> schedules;

    LibraryCalendar(Spaces spaces, Supplier<Schedules> schedules) {
        this.spaces = spaces;
        this.schedules = schedules;
    }

    ZoneId timezone(String zoneId) {
        SpaceModel model = spaces.current();
        return building(model, zoneId).map(model::timezoneOf).orElse(ZoneOffset.UTC);
    }

    /** The day's hours in the zone's building; empty when it has no schedule. */
    Optional<Schedule.Day> day(String zoneId, LocalDate date) {
        Schedules s = schedules.get();
        if (s == null) {
            return Optional.empty();
        }
        return building(spaces.current(), zoneId).flatMap(b -> s.find(b.id())).map(schedule -> schedule.day(date));
    }

    /** Is {@code at} on an exam day (a schedule exception of kind exam) in the zone's building. */
    boolean exam(String zoneId, Instant at) {
        LocalDate date = at.atZone(timezone(zoneId)).toLocalDate();
        return day(zoneId, date).map(d -> d.kind() == Schedule.Kind.EXAM).orElse(false);
    }

    private static Optional<SpaceModel.Building> building(SpaceModel model, String zoneId) {
        return model.zone(zoneId).flatMap(model::buildingOf);
    }
}
