package dev.carrel.hub.reservations;

import static dev.carrel.hub.reservations.ReservationHub.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.hub.reservations.Booking.State;
import dev.carrel.protocol.CommandBody.SeatAction;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.InvalidFieldException;
import dev.carrel.protocol.SeatState;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seat rules on a real hub and SQLite file, seat events through the real broker, a forwarded clock. */
class ReservationRulesTest {
    @TempDir
    Path dir;

    private ReservationHub h;

    @BeforeEach
    void start() throws Exception {
        h = new ReservationHub(dir, "2026-11-23T09:50");
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    @Test
    void graceExpiry_withoutCheckIn_isANoShow_releasesTheSeat_andCountsOneViolation() throws Exception {
        h.agent();
        Booking b = h.book("p1", "desk-2", "2026-11-23T10:00", 120);
        assertEquals(at("2026-11-23T10:15"), b.graceUntil());
        assertEquals(List.of(), h.sweepAt("2026-11-23T09:59"));

        assertEquals(List.of(b.id() + " reserved"), h.sweepAt("2026-11-23T10:00"));
        SeatAction reserve = h.agent().awaitCommand(SeatAction.Action.RESERVE);
        assertEquals(Optional.of(at("2026-11-23T10:15")), reserve.graceUntil());
        assertEquals(ReservationHub.hash("p1"), reserve.patron());

        assertEquals(List.of(), h.sweepAt("2026-11-23T10:14:59"));
        assertEquals(List.of(b.id() + " no_show"), h.sweepAt("2026-11-23T10:15"));
        assertEquals(State.NO_SHOW, h.booking(b.id()).state());
        h.agent().awaitCommand(SeatAction.Action.RELEASE);
        // The agent saw the no-show too: still one violation for the booking.
        h.agentViolation("desk-2", "p1", EventBody.SeatViolation.Kind.NO_SHOW);
        List<Violation> violations = h.violations("p1");
        assertEquals(1, violations.size());
        assertEquals("no_show", violations.getFirst().kind());
        assertEquals("hub", violations.getFirst().source());
    }

    @Test
    void noShow_reportedByAnAgentHoursLate_isStillTheBookingsOneViolation() throws Exception {
        h.register("p1"); // so that a report the hub cannot link to a booking would count as a walk-up's
        h.agent();
        Booking b = h.book("p1", "desk-2", "2026-11-23T10:00", 60);
        h.sweepAt("2026-11-23T10:00");
        h.sweepAt("2026-11-23T10:15");
        assertEquals(State.NO_SHOW, h.booking(b.id()).state());
        // The agent was offline: its outbox delivers the no-show it saw at 10:15 at 12:30, long after the
        // booking's end. It is the same booking's violation, not a second, walk-up one.
        h.sweepAt("2026-11-23T12:30");
        h.agentViolation("desk-2", "p1", EventBody.SeatViolation.Kind.NO_SHOW, "2026-11-23T10:15");
        List<Violation> violations = h.violations("p1");
        assertEquals(1, violations.size(), violations.toString());
        assertEquals(Optional.of(b.id()), violations.getFirst().reservationId());
    }

    @Test
    void checkInAtTheSeat_withPresence_holdsTheSeatPastTheGrace() throws Exception {
        Booking b = h.book("p1", "desk-1", "2026-11-23T10:00", 120);
        h.sweepAt("2026-11-23T10:05");
        h.seat("desk-1", SeatState.OCCUPIED, SeatState.RESERVED, "desk_reader", "p1");
        assertEquals(State.BOOKED, h.booking(b.id()).state(), "a sensor seat waits for presence");
        h.presence(true);
        assertEquals(State.CHECKED_IN, h.booking(b.id()).state());
        assertEquals(List.of(), h.sweepAt("2026-11-23T10:30"));
        assertEquals(State.CHECKED_IN, h.booking(b.id()).state());
        assertEquals(List.of(), h.violations("p1"));
    }

    @Test
    void remoteCheckIn_withoutPresence_doesNotHoldTheSeat() throws Exception {
        h.agent();
        Booking b = h.book("p1", "desk-1", "2026-11-23T10:00", 120);
        h.sweepAt("2026-11-23T10:02");
        Booking checked = h.reservations().checkIn("p1", b.id());
        assertEquals(State.BOOKED, checked.state());
        assertEquals(Optional.of("seat_qr"), checked.checkInSource());
        h.agent().awaitCommand(SeatAction.Action.CHECK_IN);

        assertEquals(List.of(b.id() + " no_show"), h.sweepAt("2026-11-23T10:15"));
        assertEquals(State.NO_SHOW, h.booking(b.id()).state());
        assertEquals(1, h.violations("p1").size());
        assertTrue(h.violations("p1").getFirst().evidence().contains("seat_qr"));
    }

    @Test
    void cancel_afterAPhoneCheckInBeforeTheStart_releasesTheSeatItsAgentWasGiven() throws Exception {
        h.agent();
        Booking b = h.book("p1", "desk-1", "2026-11-23T10:00", 120);
        h.clock.set(at("2026-11-23T09:50")); // check-in opens the grace before the start; no sweep pushed yet
        h.reservations().checkIn("p1", b.id());
        h.agent().awaitCommand(SeatAction.Action.CHECK_IN);

        h.reservations().cancel("p1", b.id());

        assertEquals(
                ReservationHub.hash("p1"),
                h.agent().awaitCommand(SeatAction.Action.RELEASE).patron());
    }

    @Test
    void presenceAlreadySeen_confirmsTheCheckInAtOnce() throws Exception {
        Booking b = h.book("p1", "desk-1", "2026-11-23T10:00", 60);
        h.sweepAt("2026-11-23T10:01");
        h.presence(true);
        h.seat("desk-1", SeatState.OCCUPIED, SeatState.RESERVED, "kiosk", "p1");
        assertEquals(State.CHECKED_IN, h.booking(b.id()).state());
    }

    private Booking checkedIn(String seat, String patron, String startLocal, int minutes) throws Exception {
        Booking b = h.book(patron, seat, startLocal, minutes);
        h.sweepAt(startLocal);
        h.seat(seat, SeatState.OCCUPIED, SeatState.RESERVED, "desk_reader", patron);
        assertEquals(State.CHECKED_IN, h.booking(b.id()).state());
        return b;
    }

    @Test
    void leaveExpiry_releasesTheSeat_andCountsALeaveOverrun() throws Exception {
        Booking b = checkedIn("desk-2", "p1", "2026-11-23T10:00", 240);
        h.clock.set(at("2026-11-23T10:30"));
        h.seat("desk-2", SeatState.AWAY, SeatState.OCCUPIED, "leave", "p1");
        assertEquals(Optional.of(at("2026-11-23T11:00")), h.booking(b.id()).leaveUntil());
        assertEquals(List.of(), h.sweepAt("2026-11-23T10:59"));
        assertEquals(List.of(b.id() + " leave_overrun"), h.sweepAt("2026-11-23T11:00"));
        assertEquals(State.RELEASED, h.booking(b.id()).state());
        assertEquals("leave_overrun", h.violations("p1").getFirst().kind());
        h.agent().awaitCommand(SeatAction.Action.RELEASE);
    }

    @Test
    void leaveInTheMealWindow_lastsAnHour() throws Exception {
        Booking b = checkedIn("desk-2", "p1", "2026-11-23T11:00", 240);
        h.clock.set(at("2026-11-23T12:00"));
        h.seat("desk-2", SeatState.AWAY, SeatState.OCCUPIED, "leave", "p1");
        assertEquals(Optional.of(at("2026-11-23T13:00")), h.booking(b.id()).leaveUntil());
        assertEquals(List.of(), h.sweepAt("2026-11-23T12:45"));
        h.clock.set(at("2026-11-23T12:50"));
        h.seat("desk-2", SeatState.OCCUPIED, SeatState.AWAY, "returned", "p1");
        assertEquals(Optional.empty(), h.booking(b.id()).leaveUntil());
        assertEquals(List.of(), h.sweepAt("2026-11-23T13:30"));
        assertEquals(State.CHECKED_IN, h.booking(b.id()).state());
    }

    @Test
    void secondLeave_ofOneBooking_endsItAtOnce() throws Exception {
        Booking b = checkedIn("desk-2", "p1", "2026-11-23T10:00", 240);
        h.clock.set(at("2026-11-23T10:30"));
        h.seat("desk-2", SeatState.AWAY, SeatState.OCCUPIED, "leave", "p1");
        h.clock.set(at("2026-11-23T10:40"));
        h.seat("desk-2", SeatState.OCCUPIED, SeatState.AWAY, "returned", "p1");
        h.clock.set(at("2026-11-23T10:50"));
        h.seat("desk-2", SeatState.AWAY, SeatState.OCCUPIED, "absence", "p1");
        assertEquals(Optional.of(at("2026-11-23T10:50")), h.booking(b.id()).leaveUntil());
        assertEquals(List.of(b.id() + " leave_overrun"), h.sweepAt("2026-11-23T10:50:01"));
    }

    @Test
    void extension_onlyInTheLastHour_andNotWhenSomeoneBookedNext() throws Exception {
        Booking b = checkedIn("desk-2", "p1", "2026-11-23T10:00", 120);
        h.clock.set(at("2026-11-23T10:30"));
        Refused early = assertThrows(Refused.class, () -> h.reservations().extend("p1", b.id(), 60));
        assertEquals(Refused.Code.NOT_IN_LAST_HOUR, early.code());

        h.clock.set(at("2026-11-23T11:05"));
        Booking next = h.book("p2", "desk-2", "2026-11-23T12:30", 60);
        Refused taken = assertThrows(Refused.class, () -> h.reservations().extend("p1", b.id(), 60));
        assertEquals(Refused.Code.BOOKED_NEXT, taken.code());
        assertEquals(at("2026-11-23T12:00"), h.booking(b.id()).end(), "a refusal changes nothing");

        assertThrows(InvalidFieldException.class, () -> h.reservations().extend("p1", b.id(), 180));
        h.reservations().cancel("p2", next.id());
        assertEquals(
                at("2026-11-23T13:00"),
                h.reservations().extend("p1", b.id(), 60).end());
    }

    @Test
    void bookingWindow_tomorrowOpensAt18() throws Exception {
        h.clock.set(at("2026-11-23T17:59"));
        Refused early = assertThrows(Refused.class, () -> h.book("p1", "desk-3", "2026-11-24T09:00", 60));
        assertEquals(Refused.Code.OUTSIDE_WINDOW, early.code());

        h.clock.set(at("2026-11-23T18:00"));
        // Next day (LIBRARY.md): by 30 minutes after opening (08:00), or 15 minutes after the start if later.
        Booking atOpening = h.book("p2", "desk-2", "2026-11-24T08:00", 60);
        assertEquals(at("2026-11-24T08:30"), atOpening.graceUntil(), "08:00 opening + 30, not start + 15");
        Booking soonAfter = h.book("p4", "desk-1", "2026-11-24T08:10", 30);
        assertEquals(at("2026-11-24T08:30"), soonAfter.graceUntil(), "counted from opening, not from the start");
        Booking b = h.book("p1", "desk-3", "2026-11-24T09:00", 60);
        assertEquals(at("2026-11-24T09:15"), b.graceUntil(), "later in the day: the normal 15 minutes after start");
        Booking shortOne = h.book("p5", "desk-1", "2026-11-24T08:00", 10);
        assertEquals(at("2026-11-24T08:10"), shortOne.graceUntil(), "never after the end");

        Refused later = assertThrows(Refused.class, () -> h.book("p3", "desk-3", "2026-11-25T09:00", 60));
        assertEquals(Refused.Code.OUTSIDE_WINDOW, later.code());
        Refused closed = assertThrows(Refused.class, () -> h.book("p3", "desk-1", "2026-11-23T21:30", 60));
        assertEquals(Refused.Code.CLOSED, closed.code());
        Refused walkUp = assertThrows(Refused.class, () -> h.book("p3", "desk-9", "2026-11-23T19:00", 60));
        assertEquals(Refused.Code.WALK_UP_ONLY, walkUp.code());
        Refused own = assertThrows(Refused.class, () -> h.book("p1", "desk-1", "2026-11-24T09:30", 60));
        assertEquals(Refused.Code.ALREADY_BOOKED, own.code());
    }
}
