package dev.carrel.hub.engagement;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.hub.store.Database;
import dev.carrel.hub.store.StoreWriter;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The rules of library events (docs/engagement.md, "Events"). Every change is one transaction through the
 * hub's single store writer, so two patrons asking for the last place are decided one after the other: one
 * gets it, the other the first waitlist position. A place given up before the start goes to the first on the
 * waitlist in the same transaction. Check-in opens {@link #CHECK_IN_EARLY} before the start and closes at
 * the end; only a patron with a place checks in.
 */
final class EventBook {
    static final Duration CHECK_IN_EARLY = Duration.ofMinutes(30);

    /** Where a kiosk check-in ended. */
    enum CheckIn {
        CHECKED_IN,
        ALREADY,
        WAITLISTED,
        NOT_REGISTERED
    }

    /** The kiosk's answer: what happened, for which event. */
    record CheckInResult(CheckIn outcome, Optional<LibraryEvent> event) {}

    private final Database database;
    private final StoreWriter writer;
    private final EventStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    EventBook(Database database, StoreWriter writer, EventStore store, Clock clock) {
        this.database = database;
        this.writer = writer;
        this.store = store;
        this.clock = clock;
    }

    LibraryEvent create(JsonNode body) throws SQLException {
        byte[] id = new byte[6];
        random.nextBytes(id);
        LibraryEvent e = LibraryEvent.fromJson("ev-" + HexFormat.of().formatHex(id), body, clock.instant());
        write("event " + e.id(), c -> store.write(c, e, clock.instant()));
        return e;
    }

    /** Replaces an event's details; a larger capacity gives places to the waitlist at once. */
    LibraryEvent edit(String id, JsonNode body) throws SQLException {
        LibraryEvent given = LibraryEvent.fromJson(id, body, clock.instant());
        AtomicReference<LibraryEvent> out = new AtomicReference<>();
        write("edit of event " + id, c -> {
            LibraryEvent before = store.find(c, id).orElseThrow(() -> noEvent(id));
            LibraryEvent after = given.withCancelledAt(before.cancelledAt());
            store.write(c, after, clock.instant());
            if (!after.cancelled()) {
                store.promote(c, id, after.capacity() - store.counts(c, id).places());
            }
            out.set(after);
        });
        return out.get();
    }

    /** Cancels an event; registrations stay, so patrons see it cancelled. Cancelling twice changes nothing. */
    LibraryEvent cancel(String id) throws SQLException {
        AtomicReference<LibraryEvent> out = new AtomicReference<>();
        write("cancel of event " + id, c -> {
            LibraryEvent e = store.find(c, id).orElseThrow(() -> noEvent(id));
            LibraryEvent after = e.cancelled() ? e : e.withCancelledAt(Optional.of(clock.instant()));
            store.write(c, after, clock.instant());
            out.set(after);
        });
        return out.get();
    }

    Optional<LibraryEvent> find(String id) throws SQLException {
        return database.read(c -> store.find(c, id));
    }

    /**
     * Registers a patron: a place while there is one, else the end of the waitlist. Registering again answers
     * the registration there is.
     *
     * @throws Requests.Refused outside the registration window or for a cancelled event
     */
    EventStore.Registration register(String eventId, String patronId) throws SQLException {
        AtomicReference<EventStore.Registration> out = new AtomicReference<>();
        write("registration for event " + eventId, c -> {
            LibraryEvent e = store.find(c, eventId).orElseThrow(() -> noEvent(eventId));
            Optional<EventStore.Registration> existing = store.registration(c, eventId, patronId);
            if (existing.isEmpty()) {
                Instant now = clock.instant();
                if (e.cancelled()) {
                    throw new Requests.Refused("event_cancelled", "the event is cancelled");
                }
                Admitted.check(c, patronId, now);
                if (now.isBefore(e.registrationOpens())) {
                    throw new Requests.Refused(
                            "registration_not_open", "registration opens at " + e.registrationOpens());
                }
                if (!now.isBefore(e.registrationCloses())) {
                    throw new Requests.Refused("registration_closed", "registration has closed");
                }
                boolean place = store.counts(c, eventId).places() < e.capacity();
                store.register(c, eventId, patronId, place ? EventStore.PLACE : EventStore.WAITLIST, now);
            }
            out.set(store.registration(c, eventId, patronId).orElseThrow());
        });
        return out.get();
    }

    /**
     * Withdraws a patron's registration; before the start, a freed place goes to the first on the waitlist.
     *
     * @throws Requests.Refused once the event has started
     */
    void withdraw(String eventId, String patronId) throws SQLException {
        write("withdrawal from event " + eventId, c -> {
            LibraryEvent e = store.find(c, eventId).orElseThrow(() -> noEvent(eventId));
            EventStore.Registration r = store.registration(c, eventId, patronId)
                    .orElseThrow(() -> new NoSuchElementException("you are not registered for this event"));
            if (!clock.instant().isBefore(e.startsAt())) {
                throw new Requests.Refused("event_started", "the event has started");
            }
            store.delete(c, eventId, patronId);
            if (r.hasPlace() && !e.cancelled()) {
                store.promote(c, eventId, 1);
            }
        });
    }

    /**
     * Checks a patron in at a kiosk, inside the caller's transaction (ingest's, for an {@code event_check_in}):
     * at an event in its check-in window where the patron holds a place, preferring one held in the kiosk's
     * zone.
     */
    CheckInResult checkIn(Connection c, String patronId, String kioskZone, String by) throws SQLException {
        Instant now = clock.instant();
        CheckInResult result = new CheckInResult(CheckIn.NOT_REGISTERED, Optional.empty());
        for (LibraryEvent e : openForCheckIn(c, kioskZone)) {
            Optional<EventStore.Registration> r = store.registration(c, e.id(), patronId);
            if (r.isEmpty()) {
                continue;
            }
            if (!r.get().hasPlace()) {
                if (result.outcome() == CheckIn.NOT_REGISTERED) {
                    result = new CheckInResult(CheckIn.WAITLISTED, Optional.of(e));
                }
                continue;
            }
            if (r.get().checkedInAt().isPresent()) {
                result = new CheckInResult(CheckIn.ALREADY, Optional.of(e));
                continue;
            }
            store.checkIn(c, e.id(), patronId, by, now);
            return new CheckInResult(CheckIn.CHECKED_IN, Optional.of(e));
        }
        return result;
    }

    /** Events open for check-in now (not cancelled), those in {@code zone} first. */
    List<LibraryEvent> openForCheckIn(Connection c, String zone) throws SQLException {
        Instant now = clock.instant();
        return store.between(c, now, now.plus(CHECK_IN_EARLY)).stream()
                .filter(e -> !e.cancelled())
                .sorted((a, b) ->
                        Boolean.compare(!a.zone().equals(zone), !b.zone().equals(zone)))
                .toList();
    }

    /** Staff check a patron with a place in by hand (a patron without card or phone). */
    void checkInByStaff(String eventId, String patronId) throws SQLException {
        write("staff check-in at event " + eventId, c -> {
            store.find(c, eventId).orElseThrow(() -> noEvent(eventId));
            EventStore.Registration r = store.registration(c, eventId, patronId)
                    .orElseThrow(() -> new NoSuchElementException("patron '" + patronId + "' is not registered"));
            if (!r.hasPlace()) {
                throw new Requests.Refused("waitlisted", "the patron is on the waitlist, not given a place");
            }
            store.checkIn(c, eventId, patronId, "staff", clock.instant());
        });
    }

    private void write(String what, StoreWriter.Write write) throws SQLException {
        Committing.write(writer, what, write);
    }

    private static NoSuchElementException noEvent(String id) {
        return new NoSuchElementException("no event '" + id + "'");
    }
}
