package dev.carrel.hub.kiosks;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A discussion room's bookings for its door kiosk: those that hold the room and overlap a time span. The
 * reservations feature answers it; a hub without reservations has none.
 */
@FunctionalInterface
public interface RoomDays {
    RoomDays NONE = (room, from, to) -> List.of();

    /** One booking as the door shows it: when, the group size it needs, and its join code. */
    record RoomBooking(Instant start, Instant end, int size, Optional<String> joinCode) {}

    List<RoomBooking> bookings(String roomId, Instant from, Instant to) throws SQLException;

    /**
     * How the room is booked, for its door kiosk's booking choices: lengths from {@code minMinutes} to
     * {@code maxMinutes}, a group of {@code groupSize} (the organiser included) complete within
     * {@code formationMinutes} of the start.
     */
    record RoomRules(int minMinutes, int maxMinutes, int groupSize, int formationMinutes) {}

    /** The room's rules; empty for a hub without reservations, and the door then offers no booking. */
    default Optional<RoomRules> rules(String roomId) {
        return Optional.empty();
    }
}
