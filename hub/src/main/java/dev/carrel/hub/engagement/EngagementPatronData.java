package dev.carrel.hub.engagement;

import dev.carrel.hub.privacy.PatronData;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A patron's engagement data for export and erasure: event registrations (with attendance) and volunteer
 * sign-ups (with checked-in time). Feedback holds no patron (only group and college), so it has nothing to
 * export or erase. Erasing a place at an event not yet started gives it to the first on the waitlist.
 * SQL failures surface as {@link IllegalStateException} so this class fits the interface however it declares
 * its exceptions.
 */
final class EngagementPatronData implements PatronData {
    /** What an export holds. */
    record Export(List<EventStore.Registration> registrations, List<ShiftStore.Signup> volunteering) {}

    private final EventStore events;
    private final ShiftStore shifts;
    private final Clock clock;

    EngagementPatronData(EventStore events, ShiftStore shifts, Clock clock) {
        this.events = events;
        this.shifts = shifts;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "engagement";
    }

    @Override
    public Object export(Connection c, String patronId) {
        try {
            return new Export(events.ofPatron(c, patronId), shifts.ofPatron(c, patronId));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot export the engagement data of a patron", e);
        }
    }

    @Override
    public void erase(Connection c, String patronId) {
        try {
            Instant now = clock.instant();
            for (EventStore.Registration r : events.ofPatron(c, patronId)) {
                events.delete(c, r.eventId(), patronId);
                Optional<LibraryEvent> e = events.find(c, r.eventId());
                if (r.hasPlace()
                        && e.isPresent()
                        && !e.get().cancelled()
                        && now.isBefore(e.get().startsAt())) {
                    events.promote(c, r.eventId(), 1);
                }
            }
            shifts.erase(c, patronId);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot erase the engagement data of a patron", e);
        }
    }
}
