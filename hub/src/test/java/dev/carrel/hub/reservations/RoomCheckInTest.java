package dev.carrel.hub.reservations;

import static dev.carrel.hub.reservations.ReservationHub.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.carrel.hub.reservations.Booking.State;
import dev.carrel.protocol.SeatState;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A card at a discussion room's door checks in the room's booking: the room {@code room-a} has one seat,
 * {@code room-a-seat}, with a presence sensor, driven by the test's seat agent. Ann books the room for
 * 14:00-15:00; Bo and Cy join her group (three are needed); Dan is a patron outside the group.
 */
class RoomCheckInTest {
    @TempDir
    Path dir;

    private ReservationHub h;

    @BeforeEach
    void start() throws Exception {
        h = new ReservationHub(dir, "2026-11-02T13:50");
        h.register("ann", "bo", "cy", "dan");
        h.agent();
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    @Test
    void doorTap_byAMemberWhileTheSensorSeesSomeone_checksTheRoomIn() throws Exception {
        Booking room = bookRoom("bo", "cy");
        h.clock.set(at("2026-11-02T14:02"));
        h.presence("room-a-presence", true);

        h.seat("room-a-seat", SeatState.OCCUPIED, SeatState.FREE, "reader", "bo");

        Booking b = h.booking(room.id());
        assertEquals(State.CHECKED_IN, b.state());
        assertEquals(Optional.of("door"), b.checkInSource());
        assertEquals(Optional.of(at("2026-11-02T14:02")), b.checkedInAt());
        assertEquals(Optional.of(at("2026-11-02T14:02")), b.presenceAt());
    }

    @Test
    void doorTap_late_isCheckedInOnceTheSensorSeesTheGroup() throws Exception {
        Booking room = bookRoom("bo", "cy");
        // Past the group's formation deadline (14:15): a room has no no-show, so a late group still checks in.
        h.clock.set(at("2026-11-02T14:20"));
        h.seat("room-a-seat", SeatState.OCCUPIED, SeatState.FREE, "reader", "cy");

        Booking tapped = h.booking(room.id());
        assertEquals(State.BOOKED, tapped.state());
        assertEquals(Optional.of(at("2026-11-02T14:20")), tapped.checkedInAt());
        assertEquals(Optional.empty(), tapped.presenceAt());

        h.clock.set(at("2026-11-02T14:21"));
        h.presence("room-a-presence", true);
        Booking seen = h.booking(room.id());
        assertEquals(State.CHECKED_IN, seen.state());
        assertEquals(Optional.of("door"), seen.checkInSource());
        assertEquals(Optional.of(at("2026-11-02T14:21")), seen.presenceAt());
    }

    @Test
    void doorTap_bySomeoneOutsideTheGroup_changesNothing() throws Exception {
        Booking room = bookRoom("bo", "cy");
        h.clock.set(at("2026-11-02T14:02"));
        h.presence("room-a-presence", true);

        h.seat("room-a-seat", SeatState.OCCUPIED, SeatState.FREE, "reader", "dan");
        h.seat("room-a-seat", SeatState.OCCUPIED, SeatState.FREE, "reader", "nobody-known");

        Booking b = h.booking(room.id());
        assertEquals(State.BOOKED, b.state());
        assertEquals(Optional.empty(), b.checkedInAt());
        assertEquals(Optional.empty(), b.checkInSource());
        // The organiser's own card then does check it in.
        h.seat("room-a-seat", SeatState.OCCUPIED, SeatState.FREE, "reader", "ann");
        assertEquals(State.CHECKED_IN, h.booking(room.id()).state());
    }

    @Test
    void doorTap_onAGroupStillForming_changesNothing() throws Exception {
        Booking room = bookRoom("bo");
        assertEquals(State.FORMING, h.booking(room.id()).state());
        h.clock.set(at("2026-11-02T14:02"));
        h.presence("room-a-presence", true);

        h.seat("room-a-seat", SeatState.OCCUPIED, SeatState.FREE, "reader", "ann");

        Booking b = h.booking(room.id());
        assertEquals(State.FORMING, b.state());
        assertEquals(Optional.empty(), b.checkedInAt());
        // Complete, the group's next tap counts.
        h.reservations().join("cy", room.joinCode().orElseThrow());
        h.seat("room-a-seat", SeatState.OCCUPIED, SeatState.FREE, "reader", "bo");
        assertEquals(State.CHECKED_IN, h.booking(room.id()).state());
    }

    /** Ann's room booking for 14:00-15:00, which these patrons join. */
    private Booking bookRoom(String... members) throws Exception {
        return h.bookRoom("ann", "2026-11-02T14:00", 60, members);
    }
}
