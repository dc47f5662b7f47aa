package dev.carrel.hub.analytics;

import dev.carrel.hub.schedules.Hours;
import dev.carrel.hub.schedules.Schedule;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Function;

/**
 * A building's opening hours on a date (from its schedule, exceptions included): an unpaired entry is closed
 * at closing time, and utilisation is measured against the hours open. Empty when the building has no
 * schedule; {@code Optional.of(Optional.empty())} is a day it is closed.
 */
@FunctionalInterface
public interface OpeningHours {

    Optional<Optional<Hours>> on(String building, LocalDate date);

    /** From the hub's schedules, looked up by building id. */
    static OpeningHours of(Function<String, Optional<Schedule>> schedules) {
        return (building, date) ->
                schedules.apply(building).map(s -> s.day(date).hours());
    }

    static OpeningHours unknown() {
        return (building, date) -> Optional.empty();
    }

    /** Minutes open on the day: the whole day when there is no schedule. */
    default int openMinutes(String building, LocalDate date) {
        return on(building, date)
                .map(h -> h.map(x -> x.close() - x.open()).orElse(0))
                .orElse(24 * 60);
    }
}
