package dev.carrel.hub.reservations;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.carrel.hub.control.TrackedCommand;
import dev.carrel.hub.reservations.Booking.Kind;
import dev.carrel.hub.reservations.Booking.State;
import dev.carrel.hub.spaces.SpaceModel;
import dev.carrel.protocol.CommandBody.SeatAction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Frees at the agents what an erased patron held there (docs/reservations.md, "Patron data"): RELEASE for a
 * long-term hold the agent was sent and a live seat booking it was told of (as a cancellation does), RELEASE
 * for a room the patron organised whose door holds it, and for a room they only joined, the door's group list
 * again without them ({@link RoomPush#sync} sends the difference).
 *
 * <p>Callers honour: {@link #release} runs in the erasure's transaction <b>before</b> the patron's rows are
 * deleted, and before the registry erases their credentials ({@code Privacy} runs the registry last): each
 * RELEASE names the credential hash the agent holds, read from the booking or from the hold's last command,
 * and the commands' rows name the booking's or the hold's id as request id like any other. The publications go
 * into {@code after}, to run once the erasure is committed. A RELEASE the agent misses (away for longer than
 * the command lives) is not sent again: the rows a resend would start from are erased.
 */
final class ErasurePush {
    private static final Logger LOG = Logger.getLogger(ErasurePush.class.getName());

    private final Parts parts;
    private final RoomPush rooms;

    ErasurePush(Parts parts) {
        this.parts = parts;
        this.rooms = new RoomPush(parts);
    }

    /** Records the commands that free what the patron holds at the agents; publications into {@code after}. */
    void release(Connection c, String patronId, List<Runnable> after) throws SQLException {
        if (parts.push.isEmpty()) {
            return;
        }
        Instant now = parts.clock.instant();
        holds(c, patronId, now, after);
        for (Booking b : parts.bookings.liveOfPatron(c, patronId)) {
            if (b.kind() == Kind.ROOM) {
                // Ended like a cancellation, so the door is released under the organiser's credential it knows.
                parts.bookings.set(c, b.id(), now, "state, reason", State.CANCELLED, "erased");
                rooms.sync(c, parts.bookings.find(c, b.id()).orElseThrow(), now, after);
            } else if (b.pushed() || b.checkedInAt().isPresent()) {
                parts.push
                        .get()
                        .record(c, parts.spaces.current(), b, SeatAction.Action.RELEASE)
                        .ifPresent(after::add);
            }
        }
        for (Booking b : parts.bookings.liveJoinedBy(c, patronId)) {
            parts.bookings.removeMember(c, b.id(), patronId);
            rooms.sync(c, parts.bookings.find(c, b.id()).orElseThrow(), now, after);
        }
    }

    /**
     * RELEASE for each hold still ahead of its {@code until} whose last command was a HOLD, under the hash that
     * HOLD named; past {@code until} the agent has ended the hold by itself ({@link HoldPush}).
     */
    private void holds(Connection c, String patronId, Instant now, List<Runnable> after) throws SQLException {
        SeatPush push = parts.push.orElseThrow();
        SpaceModel model = parts.spaces.current();
        for (Map.Entry<String, String> hold : holdsAhead(c, patronId, now)) {
            Optional<TrackedCommand> last = push.latest(c, hold.getKey());
            Optional<SeatAction> sent = last.isEmpty() ? Optional.empty() : sent(push, c, last.get());
            if (sent.isPresent() && sent.get().action() == SeatAction.Action.HOLD) {
                push.recordHold(
                                c,
                                model,
                                hold.getKey(),
                                hold.getValue(),
                                sent.get().patron(),
                                Optional.empty())
                        .ifPresent(s -> after.add(s.publish()));
            }
        }
    }

    /** The patron's holds whose {@code until} is ahead: id to seat. */
    private static List<Map.Entry<String, String>> holdsAhead(Connection c, String patronId, Instant now)
            throws SQLException {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        try (PreparedStatement s =
                c.prepareStatement("SELECT id, seat_id FROM long_term_seats WHERE patron_id = ? AND until_at > ?")) {
            s.setString(1, patronId);
            s.setLong(2, now.toEpochMilli());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(Map.entry(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return out;
    }

    private Optional<SeatAction> sent(SeatPush push, Connection c, TrackedCommand last) throws SQLException {
        Optional<String> body = push.body(c, last.id());
        if (body.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parts.json.readValue(body.get(), SeatAction.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warning("a hold's last seat command is unreadable: " + e.getMessage());
            return Optional.empty();
        }
    }
}
