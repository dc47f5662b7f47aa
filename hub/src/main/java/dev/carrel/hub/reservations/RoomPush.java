package dev.carrel.hub.reservations;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.carrel.hub.control.TrackedCommand;
import dev.carrel.hub.reservations.Booking.Kind;
import dev.carrel.hub.reservations.Booking.State;
import dev.carrel.hub.spaces.SpaceModel;
import dev.carrel.protocol.CommandBody.SeatAction;
import dev.carrel.protocol.CredentialHash;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Carries a room booking's group to the door's agent (issue 7): while the booking is live ({@code forming}
 * with the members so far, {@code booked} or {@code checked_in}) and covers now, the room's seat is reserved for the group with
 * {@code seat} RESERVE_GROUP, naming every member's credential (the organiser's first, one per patron as for
 * a seat booking: {@link Holders#holderOf}) until the booking's end; when it no longer is (the end, a
 * cancellation) a RELEASE naming the organiser's credential, as the agent knows it, frees the room. The
 * booking's id is the commands' request id, so {@code GET /api/control/{bookingId}} shows them.
 *
 * <p>{@link #sync} compares what the booking asks for with the last command recorded for it and sends only
 * a difference (a member joined, the booking was extended, it ended), or the same again when the last went
 * unanswered past its expiry (the agent was away). A command the agent answered, applied or failed, is not
 * sent again: a refusal (the seat is held for another group) is for staff to see. A missed RELEASE is sent
 * again only until the booking's end, when the agent frees the room by itself.
 */
final class RoomPush {
    private static final Logger LOG = Logger.getLogger(RoomPush.class.getName());

    private final Parts parts;

    RoomPush(Parts parts) {
        this.parts = parts;
    }

    /** Every room booking that holds or held its door's agent now: on each reservation sweep. */
    void sweep(Connection c, Instant now, List<Runnable> after) throws SQLException {
        if (parts.push.isEmpty()) {
            return;
        }
        for (Booking b : parts.bookings.roomsAtTheirDoor(c, now)) {
            sync(c, b, now, after);
        }
    }

    /** Records what the booking asks of its door and the agent has not got; publications into {@code after}. */
    void sync(Connection c, Booking b, Instant now, List<Runnable> after) throws SQLException {
        if (parts.push.isEmpty() || b.kind() != Kind.ROOM) {
            return;
        }
        SeatPush push = parts.push.get();
        SpaceModel model = parts.spaces.current();
        Optional<String> seat = seatOf(model, b.resourceId());
        if (seat.isEmpty()) {
            return;
        }
        Optional<TrackedCommand> last = push.latest(c, b.id());
        Optional<String> sent =
                last.isEmpty() ? Optional.empty() : push.body(c, last.get().id());
        boolean reserving = reserving(b, now);
        Optional<SeatAction> wanted = reserving ? group(c, b, seat.get()) : release(b, seat.get(), sent);
        if (wanted.isEmpty()) {
            return;
        }
        if (sent.map(push.text(wanted.get())::equals).orElse(false)) {
            boolean resend = missed(last.get(), now) && (reserving || now.isBefore(b.end()));
            if (!resend) {
                return;
            }
        }
        push.recordRoom(c, model, b.id(), wanted.get()).ifPresent(s -> after.add(s.publish()));
        if (reserving && !b.pushed()) {
            parts.bookings.set(c, b.id(), now, "pushed", 1);
        }
    }

    /**
     * The room is the group's now: live and within its time. A group still forming has the room too, for the
     * members it has so far: they are the ones gathering at the door, and a passer-by who took the room
     * meanwhile would leave it to them anyway. If the group is not complete in time the booking is released
     * and the door with it.
     */
    private static boolean reserving(Booking b, Instant now) {
        return (b.state() == State.FORMING || b.state() == State.BOOKED || b.state() == State.CHECKED_IN)
                && !now.isBefore(b.start())
                && now.isBefore(b.end());
    }

    private Optional<SeatAction> group(Connection c, Booking b, String seat) throws SQLException {
        List<CredentialHash> holders = new ArrayList<>();
        parts.holders.holderOf(b.patronId()).ifPresent(holders::add);
        for (String member : parts.bookings.members(c, b.id())) {
            Optional<CredentialHash> hash = parts.holders.holderOf(member);
            if (hash.isPresent() && !holders.contains(hash.get()) && holders.size() < SeatAction.MAX_HOLDERS) {
                holders.add(hash.get());
            }
        }
        return holders.isEmpty() ? Optional.empty() : Optional.of(SeatAction.reserveGroup(seat, holders, b.end()));
    }

    /** A RELEASE under the organiser's credential the agent holds the room for; nothing if it never had it. */
    private Optional<SeatAction> release(Booking b, String seat, Optional<String> sent) {
        if (!b.pushed()) {
            return Optional.empty();
        }
        return sent.flatMap(this::patronIn)
                .map(p -> new SeatAction(SeatAction.Action.RELEASE, Optional.of(seat), p, Optional.empty()));
    }

    private Optional<CredentialHash> patronIn(String body) {
        try {
            String hex = parts.json.readTree(body).path("patron").asText("");
            return hex.isEmpty() ? Optional.empty() : Optional.of(new CredentialHash(hex));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warning("a room's last seat command is unreadable: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean missed(TrackedCommand last, Instant now) {
        return last.state() == TrackedCommand.State.EXPIRED
                || (last.state() == TrackedCommand.State.PENDING
                        && !last.expiresAt().isAfter(now));
    }

    /** The room's one seat, which its door's agent drives. */
    static Optional<String> seatOf(SpaceModel model, String roomId) {
        return model.seats().stream()
                .filter(s -> s.zoneId().equals(roomId))
                .map(SpaceModel.Seat::id)
                .findFirst();
    }
}
