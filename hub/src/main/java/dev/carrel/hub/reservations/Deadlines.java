package dev.carrel.hub.reservations;

import dev.carrel.hub.reservations.Booking.Kind;
import dev.carrel.hub.reservations.Booking.State;
import dev.carrel.hub.spaces.SpaceModel;
import dev.carrel.protocol.CommandBody.SeatAction;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bookings' deadlines, kept in the database and applied by {@link #sweep} (every few seconds, and by
 * tests with a forwarded clock), never by sleeping threads, so a restart forgets none (DESIGN §5):
 *
 * <ul>
 *   <li>a seat booking's start: the seat is reserved at its agent until the grace period ends;
 *   <li>the grace period: without a check-in at the seat confirmed by presence, a no-show;
 *   <li>a temporary leave that ran out: the seat is released and it counts as a violation;
 *   <li>a room whose group is complete (or checked in) from its start to its end: its door's agent holds the
 *       room for the group's credentials, sent again when the group or the end changes ({@link RoomPush});
 *   <li>a peer report the holder did not answer by checking in again at the seat: the same;
 *   <li>a room whose group is not complete in time: released;
 *   <li>the end: completed, and the seat released;
 *   <li>each finished week of a long-term seat: released when its presence fell short of the quota; and a
 *       hold's command that its agent missed is sent again.
 * </ul>
 */
final class Deadlines {
    private final Parts parts;
    private final SeatEvents events;
    private final LongTermSeats longTerm;
    private final RoomPush rooms;

    Deadlines(Parts parts, SeatEvents events, LongTermSeats longTerm) {
        this.parts = parts;
        this.events = events;
        this.longTerm = longTerm;
        this.rooms = new RoomPush(parts);
    }

    /** What a sweep changed, for tests and logs. */
    record Swept(String bookingId, String outcome) {}

    List<Swept> sweep() throws SQLException {
        Instant now = parts.clock.instant();
        List<Swept> out = new ArrayList<>();
        List<Runnable> after = new ArrayList<>();
        parts.write("reservation deadlines", c -> {
            out.clear();
            after.clear();
            SpaceModel model = parts.spaces.current();
            for (Booking b : parts.bookings.due(c, now)) {
                String outcome = b.kind() == Kind.ROOM ? room(c, b, now, after) : seat(c, model, b, now, after);
                if (!outcome.isEmpty()) {
                    out.add(new Swept(b.id(), outcome));
                }
            }
            rooms.sweep(c, now, after);
            for (String held : longTerm.sweep(c, now, after)) {
                String[] words = held.split(" ", 2);
                out.add(new Swept(words[0], words[1]));
            }
        });
        after.forEach(Runnable::run);
        return out;
    }

    private String room(Connection c, Booking b, Instant now, List<Runnable> after) throws SQLException {
        if (b.state() == State.FORMING && !now.isBefore(b.graceUntil())) {
            parts.bookings.set(c, b.id(), now, "state, reason", State.RELEASED, "group_not_formed");
            return "group_not_formed";
        }
        if (!now.isBefore(b.end())) {
            parts.bookings.set(c, b.id(), now, "state, reason", State.COMPLETED, "ended");
            rooms.sync(c, parts.bookings.find(c, b.id()).orElseThrow(), now, after);
            return "completed";
        }
        return "";
    }

    private String seat(Connection c, SpaceModel model, Booking b, Instant now, List<Runnable> after)
            throws SQLException {
        if (b.state() == State.BOOKED && !now.isBefore(b.graceUntil())) {
            return lost(c, model, b, State.NO_SHOW, "no_show", now, after);
        }
        if (b.state() == State.CHECKED_IN && passed(b.leaveUntil(), now)) {
            return lost(c, model, b, State.RELEASED, "leave_overrun", now, after);
        }
        if (b.state() == State.CHECKED_IN && passed(b.reportDue(), now)) {
            PeerReports.released(c, b, now);
            return lost(c, model, b, State.RELEASED, "reported_absent", now, after);
        }
        if (!now.isBefore(b.end())) {
            parts.bookings.set(c, b.id(), now, "state, reason", State.COMPLETED, "ended");
            release(c, model, b, after);
            return "completed";
        }
        if (!b.pushed() && !now.isBefore(b.start())) {
            parts.bookings.set(c, b.id(), now, "pushed", 1);
            if (b.state() == State.CHECKED_IN) {
                return ""; // checked in at the seat before the start: the agent holds it already
            }
            push(c, model, b, SeatAction.Action.RESERVE).ifPresent(after::add);
            return "reserved";
        }
        return "";
    }

    private static boolean passed(Optional<Instant> deadline, Instant now) {
        return deadline.filter(t -> !now.isBefore(t)).isPresent();
    }

    /** The booking ends against its holder: a violation of {@code why}, and the seat is released. */
    private String lost(
            Connection c, SpaceModel model, Booking b, State to, String why, Instant now, List<Runnable> after)
            throws SQLException {
        parts.bookings.set(c, b.id(), now, "state, reason", to, why);
        violation(c, b, why, now);
        release(c, model, b, after);
        return why;
    }

    private void violation(Connection c, Booking b, String kind, Instant now) throws SQLException {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("source", "hub");
        SeatEvents.describe(b, evidence);
        events.record(c, b.patronId(), Optional.of(b), b.resourceId(), kind, "hub", evidence, now);
    }

    private void release(Connection c, SpaceModel model, Booking b, List<Runnable> after) throws SQLException {
        if (b.pushed() || b.checkedInAt().isPresent()) {
            push(c, model, b, SeatAction.Action.RELEASE).ifPresent(after::add);
        }
    }

    private Optional<Runnable> push(Connection c, SpaceModel model, Booking b, SeatAction.Action action)
            throws SQLException {
        return parts.push.isEmpty() ? Optional.empty() : parts.push.get().record(c, model, b, action);
    }
}
