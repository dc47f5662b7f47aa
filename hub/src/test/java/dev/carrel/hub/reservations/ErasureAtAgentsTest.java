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
 * A patron's erasure ({@code Privacy#erase}) leaves no seat held for them at an agent: the agent gets RELEASE
 * for their long-term hold and their live seat booking it was told of, the door RELEASE for a room they
 * organised, and the group list again without them for a room they joined. The reading room (desk-1, with a
 * sensor) is a long-term area here.
 */
class ErasureAtAgentsTest {
    @TempDir
    Path dir;

    private ReservationHub h;

    @BeforeEach
    void start() throws Exception {
        h = new ReservationHub(dir, "2026-11-02T09:00", Map.of("carrel.reservations.zones.reading.long-term", "true"));
        h.register("ann", "bo", "cy", "p1");
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    @Test
    void erase_patronWithALongTermHold_agentGetsReleaseNamingTheHoldsHash() throws Exception {
        SeatAgent agent = h.agent();
        LongTermSeats.Hold hold = h.hub.reservations().longTermSeats().hold("p1", "desk-1", 3);
        agent.awaitCommand(Action.HOLD);
        ReservationHub.await(() -> h.commands(hold.id()).equals(List.of("hold applied")), "the HOLD's reply");
        // The registry no longer answers for the patron: the RELEASE must name the hash the agent was sent.
        h.hub.reservations().holders(Holders.NONE);

        h.hub.privacy().erase("p1");

        SeatAction release = agent.awaitCommand(Action.RELEASE);
        assertEquals(Optional.of("desk-1"), release.seatId());
        assertEquals(hash("p1"), release.patron());
        ReservationHub.await(
                () -> h.commands(hold.id()).equals(List.of("hold applied", "release applied")),
                "the RELEASE tracked under the hold's id, and its reply");
    }

    @Test
    void erase_patronWithAPushedSeatBooking_agentGetsRelease() throws Exception {
        SeatAgent agent = h.agent();
        Booking b = h.book("p1", "desk-2", "2026-11-02T10:00", 60);
        h.sweepAt("2026-11-02T10:00");
        agent.awaitCommand(Action.RESERVE);

        h.hub.privacy().erase("p1");

        SeatAction release = agent.awaitCommand(Action.RELEASE);
        assertEquals(Optional.of("desk-2"), release.seatId());
        assertEquals(hash("p1"), release.patron());
        ReservationHub.await(
                () -> h.commands(b.id()).equals(List.of("reserve applied", "release applied")), "the replies");
    }

    @Test
    void erase_patronCheckedInByPhone_agentGetsRelease() throws Exception {
        SeatAgent agent = h.agent();
        Booking b = h.book("p1", "desk-2", "2026-11-02T10:00", 60);
        h.clock.set(at("2026-11-02T10:00"));
        h.reservations().checkIn("p1", b.id()); // before the sweep pushed a RESERVE
        agent.awaitCommand(Action.CHECK_IN);

        h.hub.privacy().erase("p1");

        assertEquals(hash("p1"), agent.awaitCommand(Action.RELEASE).patron());
    }

    @Test
    void erase_roomMember_doorGetsTheGroupAgainWithoutThem() throws Exception {
        SeatAgent agent = h.agent();
        Booking room = bookRoom("bo", "cy");
        h.sweepAt("2026-11-02T14:00");
        agent.awaitCommand(Action.RESERVE_GROUP);
        h.clock.set(at("2026-11-02T14:10"));

        h.hub.privacy().erase("bo");

        ReservationHub.await(() -> groups(agent).size() == 2, "the group sent again");
        assertEquals(
                Optional.of(List.of(hash("ann"), hash("cy"))),
                groups(agent).get(1).holders());
        assertEquals(List.of(), releases(agent), "the room stays the group's");
        assertEquals(List.of("ann", "cy"), h.reservations().members(room.id()));
    }

    @Test
    void erase_roomOrganiser_doorIsReleased() throws Exception {
        SeatAgent agent = h.agent();
        Booking room = bookRoom("bo", "cy");
        h.sweepAt("2026-11-02T14:00");
        agent.awaitCommand(Action.RESERVE_GROUP);
        h.clock.set(at("2026-11-02T14:10"));

        h.hub.privacy().erase("ann");

        SeatAction release = agent.awaitCommand(Action.RELEASE);
        assertEquals(Optional.of("room-a-seat"), release.seatId());
        assertEquals(hash("ann"), release.patron());
        assertEquals(Optional.empty(), h.reservations().find(room.id()), "the booking is erased");
    }

    @Test
    void erase_patronWithNothingPushed_sendsNoCommand() throws Exception {
        SeatAgent agent = h.agent();
        Booking later = h.book("p1", "desk-2", "2026-11-02T11:00", 60);
        Booking room = bookRoom("p1");

        h.hub.privacy().erase("p1");

        assertEquals(List.of(), h.commands(later.id()));
        assertEquals(List.of(), h.commands(room.id()), "a room not started held no door");
        Thread.sleep(200);
        assertEquals(List.of(), agent.seatCommands);
    }

    /** Ann's room booking for 14:00-15:00, which these patrons join. */
    private Booking bookRoom(String... members) throws Exception {
        return h.bookRoom("ann", "2026-11-02T14:00", 60, members);
    }

    private static List<SeatAction> groups(SeatAgent agent) {
        return agent.seatCommands.stream()
                .filter(c -> c.action() == Action.RESERVE_GROUP)
                .toList();
    }

    private static List<SeatAction> releases(SeatAgent agent) {
        return agent.seatCommands.stream()
                .filter(c -> c.action() == Action.RELEASE)
                .toList();
    }
}
