package dev.carrel.hub.reservations;

import static dev.carrel.hub.reservations.ReservationHub.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.carrel.hub.reservations.Booking.State;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LIBRARY.md: a discussion room is cancelled "at least 60 minutes ahead" ({@code room-cancel-ahead}); later the
 * group is expected and the room ends at its end. Seats are not concerned. Ann books room-a for 14:00.
 */
class RoomCancelTest {
    @TempDir
    Path dir;

    private ReservationHub h;

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    private Booking room(String startLocal) throws SQLException {
        return h.reservations()
                .book("ann", new Reservations.Request(Booking.Kind.ROOM, "room-a", Optional.of(at(startLocal)), 60));
    }

    @Test
    void cancel_roomAnHourAhead_isAllowed() throws Exception {
        h = new ReservationHub(dir, "2026-11-02T11:00");
        Booking b = room("2026-11-02T14:00");
        h.clock.set(at("2026-11-02T13:00"));
        assertEquals(State.CANCELLED, h.reservations().cancel("ann", b.id()).state());
    }

    @Test
    void cancel_roomWithinAnHour_isRefused_andChangesNothing() throws Exception {
        h = new ReservationHub(dir, "2026-11-02T11:00");
        Booking b = room("2026-11-02T14:00");
        h.clock.set(at("2026-11-02T13:00:01"));
        Refused refused = assertThrows(Refused.class, () -> h.reservations().cancel("ann", b.id()));
        assertEquals(Refused.Code.TOO_LATE_TO_CANCEL, refused.code());
        assertEquals(State.FORMING, h.booking(b.id()).state());
        assertEquals(b.reason(), h.booking(b.id()).reason());
    }

    @Test
    void cancel_seatWithinAnHour_isAllowed() throws Exception {
        h = new ReservationHub(dir, "2026-11-02T11:00");
        Booking seat = h.book("ann", "desk-2", "2026-11-02T11:30", 60);
        assertEquals(State.CANCELLED, h.reservations().cancel("ann", seat.id()).state());
    }

    @Test
    void cancel_roomLate_withTheRuleOff_isAllowed() throws Exception {
        h = new ReservationHub(dir, "2026-11-02T11:00", Map.of("carrel.reservations.rules.room-cancel-ahead", "0"));
        Booking b = room("2026-11-02T14:00");
        h.clock.set(at("2026-11-02T13:59"));
        assertEquals(State.CANCELLED, h.reservations().cancel("ann", b.id()).state());
    }

    @Test
    void cancel_roomOfAConfiguredRoom_followsItsOwnRule() throws Exception {
        h = new ReservationHub(
                dir, "2026-11-02T11:00", Map.of("carrel.reservations.zones.room-a.room-cancel-ahead", "2h"));
        Booking b = room("2026-11-02T14:00");
        h.clock.set(at("2026-11-02T12:01"));
        assertEquals(
                Refused.Code.TOO_LATE_TO_CANCEL,
                assertThrows(Refused.class, () -> h.reservations().cancel("ann", b.id()))
                        .code());
    }
}
