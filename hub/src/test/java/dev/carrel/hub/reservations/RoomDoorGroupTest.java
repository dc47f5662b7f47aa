package dev.carrel.hub.reservations;

import static dev.carrel.hub.reservations.ReservationHub.at;
import static dev.carrel.hub.reservations.ReservationHub.hash;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.carrel.protocol.CommandBody.SeatAction;
import dev.carrel.protocol.CommandBody.SeatAction.Action;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The door's agent knows the room's group (issue 7): while Ann's room booking (room-a, 14:00-15:00; Bo and
 * Cy complete the group of three) is on, the hub reserves the room's seat at the door's agent for every
 * member's credential with {@code seat} RESERVE_GROUP until the end, sends it again when the group grows or
 * the booking is extended, and RELEASE at the end or on cancellation.
 */
class RoomDoorGroupTest {
    @TempDir
    Path dir;

    private ReservationHub h;

    @BeforeEach
    void start() throws Exception {
        // A running room is cancelled here: only possible with room-cancel-ahead off (the default, 60 min,
        // refuses any cancellation after the start; RoomCancelTest covers that).
        h = new ReservationHub(dir, "2026-11-02T13:50", Map.of("carrel.reservations.rules.room-cancel-ahead", "0"));
        h.register("ann", "bo", "cy", "dan");
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    @Test
    void bookedRoomsStart_reservesTheDoorForEveryMember_untilTheEnd() throws Exception {
        SeatAgent agent = h.agent();
        Booking room = bookRoom("bo", "cy");
        assertEquals(List.of(), h.sweepAt("2026-11-02T13:59"));
        assertEquals(List.of(), h.commands(room.id()), "nothing before the start");

        h.sweepAt("2026-11-02T14:00");

        SeatAction sent = agent.awaitCommand(Action.RESERVE_GROUP);
        assertEquals(Optional.of("room-a-seat"), sent.seatId());
        assertEquals(hash("ann"), sent.patron());
        assertEquals(Optional.of(List.of(hash("ann"), hash("bo"), hash("cy"))), sent.holders());
        assertEquals(Optional.of(at("2026-11-02T15:00")), sent.until());
        ReservationHub.await(() -> h.commands(room.id()).equals(List.of("reserve_group applied")), "the agent's reply");
        h.sweepAt("2026-11-02T14:10");
        assertEquals(List.of("reserve_group applied"), h.commands(room.id()), "applied: not sent again");
    }

    @Test
    void memberJoiningLater_isSentWithTheWholeNewList() throws Exception {
        SeatAgent agent = h.agent();
        Booking room = bookRoom("bo", "cy");
        h.sweepAt("2026-11-02T14:00");
        agent.awaitCommand(Action.RESERVE_GROUP);

        h.clock.set(at("2026-11-02T14:20"));
        h.reservations().join("dan", room.joinCode().orElseThrow());

        SeatAction again = nth(agent, Action.RESERVE_GROUP, 2);
        assertEquals(Optional.of(List.of(hash("ann"), hash("bo"), hash("cy"), hash("dan"))), again.holders());
        assertEquals(hash("ann"), again.patron());
    }

    @Test
    void formingGroup_holdsTheDoorForItsMembersSoFar_andEachJoinerIsAddedAtOnce() throws Exception {
        SeatAgent agent = h.agent();
        Booking room = bookRoom("bo");
        h.sweepAt("2026-11-02T14:05");
        assertEquals(
                Optional.of(List.of(hash("ann"), hash("bo"))),
                agent.awaitCommand(Action.RESERVE_GROUP).holders(),
                "the two gathering at the door get in; a passer-by does not");

        h.reservations().join("cy", room.joinCode().orElseThrow());

        assertEquals(
                Optional.of(List.of(hash("ann"), hash("bo"), hash("cy"))),
                nth(agent, Action.RESERVE_GROUP, 2).holders());
    }

    @Test
    void groupNotFormedInTime_releasesTheDoor() throws Exception {
        SeatAgent agent = h.agent();
        Booking room = bookRoom("bo");
        h.sweepAt("2026-11-02T14:00");
        agent.awaitCommand(Action.RESERVE_GROUP);

        assertEquals(List.of(room.id() + " group_not_formed"), h.sweepAt("2026-11-02T14:15"));

        assertEquals(hash("ann"), agent.awaitCommand(Action.RELEASE).patron());
        ReservationHub.await(
                () -> h.commands(room.id()).equals(List.of("reserve_group applied", "release applied")),
                "the release's reply");
        h.sweepAt("2026-11-02T14:20");
        assertEquals(List.of("reserve_group applied", "release applied"), h.commands(room.id()), "once");
    }

    @Test
    void extension_movesTheDoorsEnd() throws Exception {
        SeatAgent agent = h.agent();
        Booking room = bookRoom("bo", "cy");
        h.sweepAt("2026-11-02T14:00");
        agent.awaitCommand(Action.RESERVE_GROUP);

        h.clock.set(at("2026-11-02T14:30"));
        h.reservations().extend("ann", room.id(), 30);

        assertEquals(
                Optional.of(at("2026-11-02T15:30")),
                nth(agent, Action.RESERVE_GROUP, 2).until());
    }

    @Test
    void cancellation_sendsReleaseNamingTheOrganiser() throws Exception {
        SeatAgent agent = h.agent();
        Booking room = bookRoom("bo", "cy");
        h.sweepAt("2026-11-02T14:00");
        agent.awaitCommand(Action.RESERVE_GROUP);

        h.clock.set(at("2026-11-02T14:15"));
        h.reservations().cancel("ann", room.id());

        SeatAction release = agent.awaitCommand(Action.RELEASE);
        assertEquals(Optional.of("room-a-seat"), release.seatId());
        assertEquals(hash("ann"), release.patron());
        ReservationHub.await(
                () -> h.commands(room.id()).equals(List.of("reserve_group applied", "release applied")),
                "the release's reply");
        h.sweepAt("2026-11-02T14:40");
        assertEquals(List.of("reserve_group applied", "release applied"), h.commands(room.id()), "nothing sent again");
    }

    @Test
    void theEnd_sendsRelease_once() throws Exception {
        SeatAgent agent = h.agent();
        Booking room = bookRoom("bo", "cy");
        h.sweepAt("2026-11-02T14:00");
        agent.awaitCommand(Action.RESERVE_GROUP);

        assertEquals(List.of(room.id() + " completed"), h.sweepAt("2026-11-02T15:00"));

        assertEquals(hash("ann"), agent.awaitCommand(Action.RELEASE).patron());
        ReservationHub.await(
                () -> h.commands(room.id()).equals(List.of("reserve_group applied", "release applied")),
                "the release's reply");
        h.sweepAt("2026-11-02T15:10");
        assertEquals(List.of("reserve_group applied", "release applied"), h.commands(room.id()));
    }

    @Test
    void aCommandTheAgentMissed_isSentAgainOnceExpired() throws Exception {
        Booking room = bookRoom("bo", "cy");
        h.sweepAt("2026-11-02T14:00");
        assertEquals(List.of("reserve_group"), h.actions(room.id()));
        h.sweepAt("2026-11-02T14:01");
        assertEquals(List.of("reserve_group"), h.actions(room.id()), "not expired yet: waits");

        SeatAgent agent = h.agent(); // the door comes online after the first command expired unseen
        h.sweepAt("2026-11-02T14:03");

        assertEquals(
                Optional.of(List.of(hash("ann"), hash("bo"), hash("cy"))),
                agent.awaitCommand(Action.RESERVE_GROUP).holders());
        ReservationHub.await(
                () -> h.actions(room.id()).equals(List.of("reserve_group", "reserve_group applied")),
                "the agent's reply");
    }

    /** Ann's room booking for 14:00-15:00, which these patrons join. */
    private Booking bookRoom(String... members) throws Exception {
        return h.bookRoom("ann", "2026-11-02T14:00", 60, members);
    }

    /** Waits for the agent's {@code n}th command with this action. */
    private static SeatAction nth(SeatAgent agent, Action action, int n) throws InterruptedException {
        ReservationHub.await(
                () -> agent.seatCommands.stream()
                                .filter(c -> c.action() == action)
                                .count()
                        >= n,
                n + " " + action + " commands");
        return agent.seatCommands.stream()
                .filter(c -> c.action() == action)
                .skip(n - 1L)
                .findFirst()
                .orElseThrow();
    }
}
