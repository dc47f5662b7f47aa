package dev.carrel.agent.gate;

import java.util.List;

/**
 * The reminders (books due soon, overdue, holds ready) to show a patron, by pseudonym; fetched ahead of time
 * from the library system, so this is a memory lookup.
 */
@FunctionalInterface
public interface Reminders {
    Reminders NONE = patron -> List.of();

    List<String> forPatron(String patron);
}
