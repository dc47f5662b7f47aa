package dev.carrel.agent.seats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.EventBody.SeatStateChanged;
import dev.carrel.protocol.EventBody.SeatViolation;
import dev.carrel.protocol.SeatState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A discussion room's seat reserved for its group at the door's agent (issue 7). */
class RoomGroupSeatTest {
    private static final CredentialHash ANN = hash('a'); // the organiser
    private static final CredentialHash BO = hash('b');
    private static final CredentialHash CY = hash('c');
    private static final CredentialHash DAN = hash('d'); // joins later
    private static final CredentialHash STRANGER = hash('e');
    private static final SeatBinding ROOM = new SeatBinding(
            "room-a",
            Optional.of("room-a-lamp"),
            Optional.empty(),
            Optional.of("room-a-presence"),
            Optional.empty(),
            Optional.empty());
    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant END = START.plus(Duration.ofHours(2));

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(START);
    private final RecordingSeatEffects effects = new RecordingSeatEffects();
    private SqliteSeatStore store;
    private SeatSessions seats;

    @BeforeEach
    void open() {
        store = new SqliteSeatStore(dir.resolve("seats.db"));
        seats = new SeatSessions(List.of(ROOM), SeatRules.DEFAULTS, store, effects, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void groupReservation_reservesTheRoom_andAMembersCardChecksItIn() {
        assertInstanceOf(SeatResult.Done.class, seats.reserveGroup("room-a", List.of(ANN, BO, CY), END));
        assertEquals(SeatState.RESERVED, state());

        seats.presence("room-a", true);
        assertInstanceOf(SeatResult.Done.class, seats.checkIn("room-a", BO, "kiosk"));
        assertEquals(SeatState.OCCUPIED, state());
        assertEquals(Optional.of(BO), room().patron());
        assertEquals(true, effects.power.get("room-a"));
        assertEquals(
                Optional.of(BO),
                effects.events(SeatStateChanged.class).getLast().patron());
    }

    @Test
    void strangersCard_isRefusedAsReservedForSomeoneElse_andChangesNothing() {
        seats.reserveGroup("room-a", List.of(ANN, BO, CY), END);
        int events = effects.events.size();

        SeatResult refused = seats.checkIn("room-a", STRANGER, "kiosk");

        assertEquals(
                SeatResult.Code.SEAT_RESERVED,
                assertInstanceOf(SeatResult.Refused.class, refused).code());
        assertEquals(SeatState.RESERVED, state());
        assertEquals(null, effects.power.get("room-a"));
        assertEquals(events, effects.events.size());
    }

    @Test
    void secondMembersCard_atTheOccupiedRoom_joins_withoutTakingTheSessionFromTheFirst() {
        seats.reserveGroup("room-a", List.of(ANN, BO, CY), END);
        seats.checkIn("room-a", ANN, "kiosk");
        int events = effects.events.size();

        assertInstanceOf(SeatResult.Done.class, seats.checkIn("room-a", CY, "kiosk"));

        assertEquals(SeatState.OCCUPIED, state());
        assertEquals(Optional.of(ANN), room().patron());
        assertEquals(events, effects.events.size(), "nothing changed, nothing published");
        assertEquals(
                SeatResult.Code.SEAT_TAKEN,
                assertInstanceOf(SeatResult.Refused.class, seats.checkIn("room-a", STRANGER, "kiosk"))
                        .code());
    }

    @Test
    void membersCheckOut_leavesTheRoomReservedForTheGroup_andItsSessionsCountNoViolation() {
        seats.reserveGroup("room-a", List.of(ANN, BO, CY), END);
        seats.checkIn("room-a", BO, "kiosk");
        seats.checkOut("room-a", BO);
        assertEquals(SeatState.RESERVED, state());
        assertTrue(seats.checkIn("room-a", STRANGER, "kiosk") instanceof SeatResult.Refused);

        seats.checkIn("room-a", CY, "kiosk"); // nobody in the room: the sensor never confirms it
        clock.advance(Duration.ofMinutes(20));
        seats.tick();
        assertEquals(SeatState.RESERVED, state());
        assertEquals(List.of(), effects.events(SeatViolation.class));
    }

    @Test
    void groupSentAgainWithANewMember_admitsThem_andMovesTheEnd() {
        seats.reserveGroup("room-a", List.of(ANN, BO, CY), END);
        assertTrue(seats.checkIn("room-a", DAN, "kiosk") instanceof SeatResult.Refused);

        Instant later = END.plus(Duration.ofHours(1));
        assertInstanceOf(SeatResult.Done.class, seats.reserveGroup("room-a", List.of(ANN, BO, CY, DAN), later));

        assertInstanceOf(SeatResult.Done.class, seats.checkIn("room-a", DAN, "kiosk"));
        assertEquals(later, room().hold().orElseThrow().until());
    }

    @Test
    void anotherGroupsReservation_whileOneHoldsTheRoom_isRefused() {
        seats.reserveGroup("room-a", List.of(ANN, BO, CY), END);
        SeatResult other = seats.reserveGroup("room-a", List.of(STRANGER, DAN), END);
        assertEquals(
                SeatResult.Code.SEAT_TAKEN,
                assertInstanceOf(SeatResult.Refused.class, other).code());
        assertEquals(List.of(ANN, BO, CY), room().hold().orElseThrow().members());
    }

    @Test
    void restart_keepsTheGroupsReservation() {
        seats.reserveGroup("room-a", List.of(ANN, BO, CY), END);
        store.close();

        store = new SqliteSeatStore(dir.resolve("seats.db"));
        seats = new SeatSessions(List.of(ROOM), SeatRules.DEFAULTS, store, new RecordingSeatEffects(), clock);
        seats.resume();

        assertEquals(Optional.of(new Hold(ANN, END, List.of(ANN, BO, CY))), room().hold());
        assertTrue(seats.checkIn("room-a", STRANGER, "kiosk") instanceof SeatResult.Refused);
        assertInstanceOf(SeatResult.Done.class, seats.checkIn("room-a", CY, "kiosk"));
    }

    @Test
    void releaseFromTheHub_freesTheRoom_endingAMembersSession() {
        seats.reserveGroup("room-a", List.of(ANN, BO, CY), END);
        seats.checkIn("room-a", BO, "kiosk");

        assertInstanceOf(SeatResult.Done.class, seats.release("room-a", ANN));

        assertEquals(SeatState.FREE, state());
        assertEquals(Optional.empty(), room().hold());
        assertEquals(false, effects.power.get("room-a"));
        assertInstanceOf(SeatResult.Done.class, seats.checkIn("room-a", STRANGER, "kiosk"));
    }

    @Test
    void bookingsEnd_freesTheRoom_endingAMembersSession() {
        seats.reserveGroup("room-a", List.of(ANN, BO, CY), END);
        seats.presence("room-a", true);
        seats.checkIn("room-a", ANN, "kiosk");

        clock.set(END);
        seats.tick();

        assertEquals(SeatState.FREE, state());
        assertEquals(Optional.empty(), room().hold());
        assertEquals(List.of(), effects.events(SeatViolation.class));
        assertInstanceOf(
                SeatResult.Done.class, seats.release("room-a", ANN), "the hub's RELEASE at the end finds it done");
    }

    @Test
    void membersCard_takesTheRoomFromAStrangersSessionFromBeforeTheBooking() {
        seats.checkIn("room-a", STRANGER, "kiosk");
        seats.reserveGroup("room-a", List.of(ANN, BO, CY), END);
        assertEquals(Optional.of(STRANGER), room().patron(), "the reservation alone moves nobody");

        assertInstanceOf(SeatResult.Done.class, seats.checkIn("room-a", BO, "kiosk"));

        assertEquals(SeatState.OCCUPIED, state());
        assertEquals(Optional.of(BO), room().patron());
    }

    private Seat room() {
        return seats.seat("room-a").orElseThrow();
    }

    private SeatState state() {
        return room().state();
    }

    private static CredentialHash hash(char c) {
        return new CredentialHash(String.valueOf(c).repeat(64));
    }
}
