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

/** Long-term holds at the agent (issue 7: an exam-preparation seat held for weeks). */
class HeldSeatsTest {
    private static final CredentialHash ZHANG = new CredentialHash("a".repeat(64));
    private static final CredentialHash LI = new CredentialHash("b".repeat(64));
    private static final SeatBinding SENSED = new SeatBinding(
            "desk-01",
            Optional.of("desk-01-lamp"),
            Optional.of("desk-01-outlet"),
            Optional.of("desk-01-presence"),
            Optional.empty(),
            Optional.empty());
    private static final Instant START = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant UNTIL = START.plus(Duration.ofDays(28));

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(START);
    private final RecordingSeatEffects effects = new RecordingSeatEffects();
    private SqliteSeatStore store;
    private SeatSessions seats;

    @BeforeEach
    void open() {
        store = new SqliteSeatStore(dir.resolve("seats.db"));
        seats = new SeatSessions(List.of(SENSED), SeatRules.DEFAULTS, store, effects, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void hold_onAFreeSeat_reservesItForTheHolder_andRefusesAnotherPatronsCheckIn() {
        assertInstanceOf(SeatResult.Done.class, seats.hold("desk-01", ZHANG, UNTIL));
        assertEquals(SeatState.RESERVED, state());
        assertEquals(Optional.of(ZHANG), seats.seat("desk-01").orElseThrow().patron());
        SeatStateChanged change = effects.events(SeatStateChanged.class).getLast();
        assertEquals(SeatState.RESERVED, change.state());
        assertEquals("held", change.cause());

        SeatResult refused = seats.checkIn("desk-01", LI, "desk_reader");
        assertEquals(
                SeatResult.Code.SEAT_RESERVED,
                assertInstanceOf(SeatResult.Refused.class, refused).code());
        assertEquals(SeatState.RESERVED, state());
        assertEquals(null, effects.power.get("desk-01"), "nobody's check-in powered the desk");
    }

    @Test
    void holder_checksInAndOut_andTheSeatIsReservedForThemAgain() {
        seats.hold("desk-01", ZHANG, UNTIL);
        seats.presence("desk-01", true);
        assertInstanceOf(SeatResult.Done.class, seats.checkIn("desk-01", ZHANG, "desk_reader"));
        assertEquals(SeatState.OCCUPIED, state());
        assertEquals(true, effects.power.get("desk-01"));

        seats.checkOut("desk-01", ZHANG);
        assertEquals(SeatState.RESERVED, state());
        assertEquals(Optional.of(ZHANG), seats.seat("desk-01").orElseThrow().patron());
        assertEquals(false, effects.power.get("desk-01"));
        assertEquals(
                SeatResult.Code.SEAT_RESERVED,
                assertInstanceOf(SeatResult.Refused.class, seats.checkIn("desk-01", LI, "kiosk"))
                        .code());
    }

    @Test
    void holdersOverrunLeave_andGateExit_goBackToHeld_withoutAViolation() {
        seats.hold("desk-01", ZHANG, UNTIL);
        seats.presence("desk-01", true);
        seats.checkIn("desk-01", ZHANG, "desk_reader");
        seats.presence("desk-01", false);
        clock.advance(Duration.ofMinutes(10));
        seats.tick();
        assertEquals(SeatState.AWAY, state());
        clock.advance(Duration.ofMinutes(30));
        seats.tick();
        assertEquals(SeatState.RESERVED, state(), "an overrun leave ends the session, not the hold");
        assertEquals(List.of(), effects.events(SeatViolation.class));

        seats.presence("desk-01", true);
        seats.checkIn("desk-01", ZHANG, "desk_reader");
        seats.gateExit(ZHANG);
        assertEquals(SeatState.RESERVED, state());
        assertEquals(false, effects.power.get("desk-01"));
    }

    @Test
    void holdsEnd_atUntil_freesTheSeatWithoutAViolation() {
        seats.hold("desk-01", ZHANG, UNTIL);
        clock.set(UNTIL.minusSeconds(1));
        seats.tick();
        assertEquals(SeatState.RESERVED, state());
        clock.set(UNTIL);
        seats.tick();
        assertEquals(SeatState.FREE, state());
        assertEquals(Optional.empty(), seats.seat("desk-01").orElseThrow().hold());
        assertEquals(
                "hold_ended", effects.events(SeatStateChanged.class).getLast().cause());
        assertEquals(List.of(), effects.events(SeatViolation.class));
        assertInstanceOf(SeatResult.Done.class, seats.checkIn("desk-01", LI, "desk_reader"));
    }

    @Test
    void holdersSession_atUntil_goesOn_andItsEndFreesTheSeat() {
        seats.hold("desk-01", ZHANG, UNTIL);
        seats.presence("desk-01", true);
        seats.checkIn("desk-01", ZHANG, "desk_reader");
        clock.set(UNTIL);
        seats.tick();
        assertEquals(SeatState.OCCUPIED, state());
        seats.checkOut("desk-01", ZHANG);
        assertEquals(SeatState.FREE, state());
    }

    @Test
    void releaseFromTheHub_endsTheHoldAtOnce_evenMidSession() {
        seats.hold("desk-01", ZHANG, UNTIL);
        seats.presence("desk-01", true);
        seats.checkIn("desk-01", ZHANG, "desk_reader");
        assertEquals(true, effects.power.get("desk-01"));

        assertInstanceOf(SeatResult.Done.class, seats.release("desk-01", ZHANG));
        assertEquals(SeatState.FREE, state());
        assertEquals(Optional.empty(), seats.seat("desk-01").orElseThrow().hold());
        assertEquals(false, effects.power.get("desk-01"));
        assertInstanceOf(SeatResult.Done.class, seats.checkIn("desk-01", LI, "desk_reader"));
    }

    @Test
    void hold_whileAWalkUpSits_letsThemFinish_thenReservesForTheHolder() {
        seats.presence("desk-01", true);
        seats.checkIn("desk-01", LI, "desk_reader");
        seats.hold("desk-01", ZHANG, UNTIL);
        assertEquals(SeatState.OCCUPIED, state());
        assertEquals(Optional.of(LI), seats.seat("desk-01").orElseThrow().patron());

        seats.checkOut("desk-01", LI);
        assertEquals(SeatState.RESERVED, state());
        assertEquals(Optional.of(ZHANG), seats.seat("desk-01").orElseThrow().patron());
    }

    @Test
    void hold_forAnotherHolder_orAlreadyOver_isRefusedAndChangesNothing() {
        seats.hold("desk-01", ZHANG, UNTIL);
        assertEquals(
                SeatResult.Code.SEAT_TAKEN,
                assertInstanceOf(SeatResult.Refused.class, seats.hold("desk-01", LI, UNTIL))
                        .code());
        assertInstanceOf(SeatResult.Refused.class, seats.hold("desk-01", ZHANG, START));
        assertEquals(
                Optional.of(new Hold(ZHANG, UNTIL)),
                seats.seat("desk-01").orElseThrow().hold());
    }

    @Test
    void restart_keepsTheHoldAndItsEnd() {
        seats.hold("desk-01", ZHANG, UNTIL);
        store.close();

        store = new SqliteSeatStore(dir.resolve("seats.db"));
        RecordingSeatEffects after = new RecordingSeatEffects();
        seats = new SeatSessions(List.of(SENSED), SeatRules.DEFAULTS, store, after, clock);
        seats.resume();
        assertEquals(SeatState.RESERVED, state());
        assertEquals(
                Optional.of(new Hold(ZHANG, UNTIL)),
                seats.seat("desk-01").orElseThrow().hold());
        assertTrue(seats.checkIn("desk-01", LI, "kiosk") instanceof SeatResult.Refused);

        clock.set(UNTIL);
        seats.tick();
        assertEquals(SeatState.FREE, state());
    }

    @Test
    void storeOfAnOlderAgent_isMigrated_keepingItsSessions() throws Exception {
        Path old = dir.resolve("old-seats.db");
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + old);
                var s = c.createStatement()) {
            s.execute("CREATE TABLE seats (id TEXT PRIMARY KEY, state TEXT NOT NULL, patron TEXT,"
                    + " leaves_used INTEGER NOT NULL, confirmed INTEGER NOT NULL, deadline_kind TEXT,"
                    + " deadline_at INTEGER, last_presence INTEGER)");
            s.execute("INSERT INTO seats VALUES ('desk-01', 'OCCUPIED', '" + LI.hex() + "', 0, 1, NULL, NULL, NULL)");
            s.execute("PRAGMA user_version = 1");
        }
        try (SqliteSeatStore migrated = new SqliteSeatStore(old)) {
            Seat seat = migrated.load().getFirst();
            assertEquals(SeatState.OCCUPIED, seat.state());
            assertEquals(Optional.of(LI), seat.patron());
            assertEquals(Optional.empty(), seat.hold());
            migrated.save(seat.withHold(Optional.of(new Hold(ZHANG, UNTIL))));
            assertEquals(
                    Optional.of(new Hold(ZHANG, UNTIL)),
                    migrated.load().getFirst().hold());
        }
    }

    @Test
    void closing_endsTheHoldersSessionIntoTheHold() {
        seats.hold("desk-01", ZHANG, UNTIL);
        seats.presence("desk-01", true);
        seats.checkIn("desk-01", ZHANG, "desk_reader");
        seats.closeAll();
        assertEquals(SeatState.RESERVED, state());
        assertEquals(false, effects.power.get("desk-01"));
    }

    private SeatState state() {
        return seats.seat("desk-01").orElseThrow().state();
    }
}
