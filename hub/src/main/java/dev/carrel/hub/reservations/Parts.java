package dev.carrel.hub.reservations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.spaces.Committed;
import dev.carrel.hub.spaces.Spaces;
import dev.carrel.hub.store.StoreWriter;
import dev.carrel.protocol.EventIds;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What the reservation classes share: stores, rules, the calendar, time and ids; and, once the hub's MQTT
 * client and the patron registry exist, the seat push and the holders ({@link ReservationsFeature#attach}).
 */
final class Parts {
    final BookingStore bookings;
    final ViolationStore violations;
    final Penalties penalties;
    final LibraryCalendar calendar;
    final ReservationSettings settings;
    final Spaces spaces;
    final StoreWriter writer;
    final ObjectMapper json;
    final Clock clock;
    final EventIds ids;
    volatile Holders holders = Holders.NONE;
    volatile Optional<SeatPush> push = Optional.empty();

    Parts(ReservationsFeature.Base base, ReservationSettings settings, LibraryCalendar calendar, EventIds ids) {
        this.bookings = new BookingStore(base.database());
        this.violations = new ViolationStore(base.database());
        this.penalties = new Penalties(violations, settings.penalties(), settings.examPenalties(), ids);
        this.calendar = calendar;
        this.settings = settings;
        this.spaces = base.spaces();
        this.writer = base.writer();
        this.json = base.json();
        this.clock = base.clock();
        this.ids = ids;
    }

    /**
     * A write the caller waits for; a {@link Refused} (or any other unchecked refusal) thrown inside comes out as
     * itself, so the API answers
     * with its code and nothing was written.
     */
    void write(String what, StoreWriter.Write write) throws SQLException {
        try {
            Committed.write(writer, what, write);
        } catch (SQLException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (String.valueOf(e.getMessage()).contains("reservation_overlap")) {
                throw new Refused(Refused.Code.SEAT_TAKEN, "someone has just booked it for that time");
            }
            throw e;
        }
    }

    String text(Map<String, ?> evidence) {
        try {
            return json.writeValueAsString(evidence);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write evidence", e);
        }
    }
}
