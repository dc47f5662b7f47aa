package dev.carrel.hub.reservations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.control.CommandStore;
import dev.carrel.hub.control.TrackedCommand;
import dev.carrel.hub.spaces.EndpointRef;
import dev.carrel.hub.spaces.SpaceModel;
import dev.carrel.hub.twins.AgentPublisher;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Command;
import dev.carrel.protocol.CommandBody.SeatAction;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.EventIds;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Seat commands for bookings ({@code seat} RESERVE, CHECK_IN, RELEASE), long-term holds (HOLD, RELEASE) and
 * rooms' groups (RESERVE_GROUP, RELEASE),
 * tracked like control's: each is a row of {@code commands} (request id = the booking's or the hold's id)
 * settled by the agent's reply or its expiry, so
 * {@code GET /api/control/{bookingId}} shows what the seat did with it. {@link #record} writes inside the
 * caller's transaction and returns the publication, to run after the commit. The twin version is the largest
 * possible, so no reported twin settles a seat command; only the agent's reply does.
 */
final class SeatPush {
    private static final Duration TTL = Duration.ofMinutes(1);
    /**
     * A hold's commands wait longer for an agent that is away: each expiry means one more row and one more
     * send, and a hold matters for weeks, not seconds.
     */
    static final Duration HOLD_TTL = Duration.ofMinutes(10);
    /**
     * A room group's commands: a group may stand at the door, so a missed one is sent again within minutes
     * ({@code RoomPush}); a booking lasts two hours at most, which bounds the rows of an agent that is away.
     */
    static final Duration ROOM_TTL = Duration.ofMinutes(2);

    private final CommandStore commands;
    private final AgentPublisher publisher;
    private final ObjectMapper json;
    private final EventIds ids;
    private final Clock clock;

    SeatPush(CommandStore commands, AgentPublisher publisher, ObjectMapper json, EventIds ids, Clock clock) {
        this.commands = commands;
        this.publisher = publisher;
        this.json = json;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Records a seat command for the booking and returns its publication; nothing when the booking has no
     * holder or the seat no agent.
     */
    Optional<Runnable> record(Connection c, SpaceModel model, Booking b, SeatAction.Action action) throws SQLException {
        if (b.holder().isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant expires = action == SeatAction.Action.RESERVE && b.graceUntil().isAfter(now.plus(TTL))
                ? b.graceUntil()
                : now.plus(TTL);
        SeatAction body = new SeatAction(
                action,
                Optional.of(b.resourceId()),
                new CredentialHash(b.holder().get()),
                action == SeatAction.Action.RESERVE ? Optional.of(b.graceUntil()) : Optional.empty());
        return send(c, model, b.id(), body, expires).map(Sent::publish);
    }

    /** A recorded command: its id, and its publication to run after the commit. */
    record Sent(String commandId, Runnable publish) {}

    /**
     * Records a long-term hold's HOLD (with {@code until}) or RELEASE, with the hold's id as request id. It
     * lives {@link #HOLD_TTL}: the sweep sends it again when it expires unanswered ({@code HoldPush}).
     */
    Optional<Sent> recordHold(
            Connection c,
            SpaceModel model,
            String holdId,
            String seatId,
            CredentialHash holder,
            Optional<Instant> until)
            throws SQLException {
        SeatAction body = new SeatAction(
                until.isPresent() ? SeatAction.Action.HOLD : SeatAction.Action.RELEASE,
                Optional.of(seatId),
                holder,
                Optional.empty(),
                until);
        return send(c, model, holdId, body, clock.instant().plus(HOLD_TTL));
    }

    /**
     * Records a room group's command (RESERVE_GROUP, or RELEASE naming the organiser) on the room's seat, with
     * the booking's id as request id; it lives {@link #ROOM_TTL}.
     */
    Optional<Sent> recordRoom(Connection c, SpaceModel model, String bookingId, SeatAction body) throws SQLException {
        return send(c, model, bookingId, body, clock.instant().plus(ROOM_TTL));
    }

    /** The body a recorded command carried, as {@link #text} wrote it. */
    Optional<String> body(Connection c, String commandId) throws SQLException {
        return commands.body(c, commandId);
    }

    /** The request's most recent seat command, in the caller's transaction. */
    Optional<TrackedCommand> latest(Connection c, String requestId) throws SQLException {
        return commands.latest(c, requestId);
    }

    private Optional<Sent> send(Connection c, SpaceModel model, String requestId, SeatAction body, Instant expires)
            throws SQLException {
        String seatId = body.seatId().orElseThrow();
        Optional<AgentId> agent = agentOf(model, seatId);
        if (agent.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Command command = new Command(ids.next(), expires, body);
        TrackedCommand t = new TrackedCommand(
                command.id().toString(),
                requestId,
                agent.get(),
                seatId,
                command.name().wire(),
                TrackedCommand.State.PENDING,
                Optional.empty(),
                now,
                expires,
                now,
                Long.MAX_VALUE,
                Optional.empty());
        commands.insert(c, t, text(body));
        Duration ttl =
                Duration.ofSeconds(Math.max(1, Duration.between(now, expires).toSeconds()));
        return Optional.of(new Sent(t.id(), () -> publisher.publish(agent.get(), command, false, Optional.of(ttl))));
    }

    /** The agent that drives the seat: the one its endpoints belong to. */
    static Optional<AgentId> agentOf(SpaceModel model, String seatId) {
        return model.seat(seatId).map(SpaceModel.Seat::endpoints).orElse(List.of()).stream()
                .map(EndpointRef::agent)
                .findFirst();
    }

    String text(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a seat command", e);
        }
    }
}
