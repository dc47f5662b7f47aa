package dev.carrel.hub.reservations;

import dev.carrel.hub.reservations.Booking.Kind;
import dev.carrel.hub.reservations.Booking.State;
import dev.carrel.hub.spaces.EndpointRef;
import dev.carrel.hub.spaces.SpaceModel;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.SeatState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What the seats' agents report, applied to bookings on ingest's writer connection and in its transaction
 * (so nothing here waits): a check-in at the seat ({@code seat_state_changed} to {@code occupied}), the
 * sensor's presence, temporary leaves and returns, releases, and the agents' own violations. Presence is kept
 * as intervals per seat ({@code seat_presence}) for check-in confirmation and the evidence of a violation.
 *
 * <p>A room's seat (the one seat of a zone of kind {@code room}) stands for the room: a card at its door checks
 * in the room's booking, by the organiser or any member of its group, with the same presence rule as a seat.
 */
final class SeatEvents {
    private static final Logger LOG = Logger.getLogger(SeatEvents.class.getName());

    private final Parts parts;

    SeatEvents(Parts parts) {
        this.parts = parts;
    }

    void seatChanged(Connection c, EventBody.SeatStateChanged s, Instant now) throws SQLException {
        if (s.patron().isEmpty()) {
            return;
        }
        Optional<String> room = parts.spaces.current().roomOf(s.seatId());
        if (room.isPresent()) {
            // Leaving and freeing the room's seat are the agent's door sessions: a room has no leaves and
            // counts no violations, and its booking ends at its end whoever is inside.
            if (s.state() == SeatState.OCCUPIED) {
                Optional<Booking> booking = live(c, room.get(), s.patron().get(), now);
                if (booking.isPresent()) {
                    occupied(c, booking.get(), s.seatId(), "door", now);
                }
            }
            return;
        }
        Optional<Booking> found = live(c, s.seatId(), s.patron().get(), now);
        if (found.isEmpty()) {
            return;
        }
        Booking b = found.get();
        switch (s.state()) {
            case OCCUPIED -> occupied(c, b, s.seatId(), s.cause(), now);
            case AWAY -> {
                if (b.state() == State.CHECKED_IN) {
                    BookingRules rules = parts.settings.rulesFor(b.zoneId());
                    var local = now.atZone(parts.calendar.timezone(b.zoneId())).toLocalTime();
                    // One leave per booking: a further one has no time left and ends the booking at once.
                    Instant until = b.leavesUsed() < rules.leavesPerBooking() ? now.plus(rules.leaveAt(local)) : now;
                    parts.bookings.set(c, b.id(), now, "leaves_used, leave_until", b.leavesUsed() + 1, until);
                }
            }
            case FREE -> freed(c, b, s.cause(), now);
            default -> {}
        }
    }

    /** A check-in at {@code seatId} (the booked seat, or the room's seat) from {@code source}. */
    private void occupied(Connection c, Booking b, String seatId, String source, Instant now) throws SQLException {
        if (b.state() == State.CHECKED_IN) {
            if (b.leaveUntil().isPresent()) {
                parts.bookings.set(c, b.id(), now, "leave_until", (Object) null);
            }
            if (b.reportDue().isPresent()) {
                PeerReports.confirm(c, parts.bookings, b, source, now);
            }
            return;
        }
        if (b.state() != State.BOOKED || now.isAfter(checkInDue(b))) {
            return;
        }
        parts.bookings.set(c, b.id(), now, "checked_in_at, check_in_source", now, source);
        if (!hasSensor(seatId) || presentNow(c, seatId)) {
            parts.bookings.set(c, b.id(), now, "state, presence_at", State.CHECKED_IN, now);
        }
    }

    private void freed(Connection c, Booking b, String cause, Instant now) throws SQLException {
        switch (cause) {
            case "no_show" -> parts.bookings.set(c, b.id(), now, "state, reason", State.NO_SHOW, "no_show");
            case "leave_expired" ->
                parts.bookings.set(c, b.id(), now, "state, reason, leave_until", State.RELEASED, "leave_overrun", null);
            default -> {
                State to = b.state() == State.CHECKED_IN ? State.COMPLETED : State.RELEASED;
                parts.bookings.set(c, b.id(), now, "state, reason", to, cause);
            }
        }
    }

    void presence(Connection c, AgentId agent, EventBody.PresenceChanged p, Instant now) throws SQLException {
        EndpointRef sensor = new EndpointRef(agent, p.sensorId());
        Optional<SpaceModel.Seat> seat = parts.spaces.current().seats().stream()
                .filter(s -> s.sensor().map(sensor::equals).orElse(false))
                .findFirst();
        if (seat.isEmpty()) {
            return;
        }
        String seatId = seat.get().id();
        if (!p.present()) {
            ViolationStore.update(
                    c,
                    "UPDATE seat_presence SET to_at = ? WHERE seat_id = ? AND to_at IS NULL",
                    now.toEpochMilli(),
                    seatId);
            return;
        }
        if (!presentNow(c, seatId)) {
            ViolationStore.update(
                    c,
                    "INSERT OR IGNORE INTO seat_presence (seat_id, from_at) VALUES (?, ?)",
                    seatId,
                    now.toEpochMilli());
        }
        for (Booking b : holdingNow(c, seat.get(), now)) {
            if (b.state() == State.BOOKED && b.checkedInAt().isPresent() && !now.isAfter(checkInDue(b))) {
                parts.bookings.set(c, b.id(), now, "state, presence_at", State.CHECKED_IN, now);
            }
            // Someone sits at a reported seat: the report said it was empty, the sensor says otherwise.
            if (b.state() == State.CHECKED_IN && b.reportDue().isPresent()) {
                PeerReports.confirm(c, parts.bookings, b, "presence", now);
            }
        }
    }

    /**
     * An agent released a seat against its holder; counted once per booking, with the hub's own view. The
     * booking is looked up at {@code seen}, when the agent saw the violation (its event's time, never later
     * than {@code now}): an agent that was offline delivers its outbox late, and a report of a booking that
     * has meanwhile ended must still find that booking, not count a second, walk-up violation.
     */
    void violation(Connection c, EventBody.SeatViolation v, Instant seen, Instant now) throws SQLException {
        Instant at = seen.isAfter(now) ? now : seen;
        Optional<Booking> booking = parts.bookings.recentOn(c, v.seatId(), at.minus(Duration.ofHours(1))).stream()
                .filter(b -> !b.start().isAfter(at) && holds(b, v.patron()))
                .findFirst();
        Optional<String> patron = booking.map(Booking::patronId).or(() -> patronOf(v.patron()));
        if (patron.isEmpty()) {
            LOG.fine(() -> "a violation at " + v.seatId() + " by a credential no patron holds");
            return;
        }
        String kind = v.kind().name().toLowerCase(Locale.ROOT);
        if (booking.isPresent() && booking.get().state().live()) {
            Booking b = booking.get();
            State to = v.kind() == EventBody.SeatViolation.Kind.NO_SHOW ? State.NO_SHOW : State.RELEASED;
            parts.bookings.set(c, b.id(), now, "state, reason", to, kind);
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("source", "agent");
        v.lastPresence().ifPresent(t -> evidence.put("lastPresence", t.toString()));
        booking.ifPresent(b -> describe(b, evidence));
        record(c, patron.get(), booking, v.seatId(), kind, "agent", evidence, now);
    }

    /** Stores a violation (once per booking) and applies the penalty rules. */
    void record(
            Connection c,
            String patronId,
            Optional<Booking> booking,
            String seatId,
            String kind,
            String source,
            Map<String, Object> evidence,
            Instant now)
            throws SQLException {
        String zone = booking.map(Booking::zoneId)
                .or(() -> parts.spaces.current().seat(seatId).map(SpaceModel.Seat::zoneId))
                .orElse("");
        Violation violation = new Violation(
                parts.ids.next().toString(),
                patronId,
                booking.map(Booking::id),
                seatId,
                kind,
                source,
                now,
                parts.calendar.exam(zone, now),
                parts.text(evidence),
                "counted",
                Optional.empty());
        parts.penalties.record(c, violation);
    }

    static void describe(Booking b, Map<String, Object> evidence) {
        evidence.put("booking", b.id());
        evidence.put("start", b.start().toString());
        evidence.put("graceUntil", b.graceUntil().toString());
        b.checkedInAt().ifPresent(t -> evidence.put("checkedInAt", t.toString()));
        b.checkInSource().ifPresent(s -> evidence.put("checkInSource", s));
        b.presenceAt().ifPresent(t -> evidence.put("presenceAt", t.toString()));
        b.leaveUntil().ifPresent(t -> evidence.put("leaveUntil", t.toString()));
        b.reportDue().ifPresent(t -> evidence.put("reportDue", t.toString()));
        evidence.put("leavesUsed", b.leavesUsed());
    }

    /**
     * The live booking of the seat or room that this credential holds (a room's, also a member of its group),
     * started or about to start.
     */
    private Optional<Booking> live(Connection c, String resourceId, CredentialHash hash, Instant now)
            throws SQLException {
        Duration early = parts.settings.defaults().checkInGrace();
        for (Booking b : parts.bookings.liveOverlapping(c, resourceId, now, now.plus(early))) {
            if (holds(b, hash) || member(c, b, hash)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    private boolean member(Connection c, Booking b, CredentialHash hash) throws SQLException {
        if (b.kind() != Kind.ROOM) {
            return false;
        }
        Optional<String> patron = patronOf(hash);
        return patron.isPresent() && parts.bookings.members(c, b.id()).contains(patron.get());
    }

    /**
     * Until when a check-in and its presence count: a seat's grace, after which it is a no-show; a room has no
     * no-show, so a group that comes late still checks in while its booking lasts.
     */
    private static Instant checkInDue(Booking b) {
        return b.kind() == Kind.ROOM ? b.end() : b.graceUntil();
    }

    /** The live bookings at this seat now: its own, and for a room's seat the room's. */
    private List<Booking> holdingNow(Connection c, SpaceModel.Seat seat, Instant now) throws SQLException {
        List<Booking> out = new ArrayList<>(parts.bookings.liveOverlapping(c, seat.id(), now, now.plusMillis(1)));
        Optional<String> room = parts.spaces.current().roomOf(seat.id());
        if (room.isPresent()) {
            out.addAll(parts.bookings.liveOverlapping(c, room.get(), now, now.plusMillis(1)));
        }
        return out;
    }

    private boolean holds(Booking b, CredentialHash hash) {
        return b.holder().map(hash.hex()::equals).orElse(false)
                || patronOf(hash).map(b.patronId()::equals).orElse(false);
    }

    private Optional<String> patronOf(CredentialHash hash) {
        try {
            return parts.holders.patronOf(hash);
        } catch (SQLException e) {
            LOG.warning("cannot look up a seat's holder: " + e.getMessage());
            return Optional.empty();
        }
    }

    private boolean hasSensor(String seatId) {
        return parts.spaces
                .current()
                .seat(seatId)
                .flatMap(SpaceModel.Seat::sensor)
                .isPresent();
    }

    static boolean presentNow(Connection c, String seatId) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT 1 FROM seat_presence WHERE seat_id = ? AND to_at IS NULL LIMIT 1")) {
            s.setString(1, seatId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
