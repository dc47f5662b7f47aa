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

class SeatSessionsTest {
    private static final CredentialHash ZHANG = new CredentialHash("a".repeat(64));
    private static final CredentialHash LI = new CredentialHash("b".repeat(64));
    private static final SeatBinding SENSED = new SeatBinding(
            "desk-01",
            Optional.of("desk-01-lamp"),
            Optional.of("desk-01-outlet"),
            Optional.of("desk-01-presence"),
            Optional.empty(),
            Optional.empty());
    private static final SeatBinding PLAIN = new SeatBinding(
            "desk-02",
            Optional.of("desk-02-lamp"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private final RecordingSeatEffects effects = new RecordingSeatEffects();
    private SqliteSeatStore store;
    private SeatSessions seats;

    @BeforeEach
    void open() {
        store = new SqliteSeatStore(dir.resolve("seats.db"));
        seats = new SeatSessions(List.of(SENSED, PLAIN), SeatRules.DEFAULTS, store, effects, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void checkIn_seatWithoutSensor_turnsPowerOnAndPublishesOccupiedWithItsHolder() {
        assertInstanceOf(SeatResult.Done.class, seats.checkIn("desk-02", ZHANG, "desk_reader"));
        assertEquals(true, effects.power.get("desk-02"));
        SeatStateChanged change = effects.events(SeatStateChanged.class).getLast();
        assertEquals(SeatState.OCCUPIED, change.state());
        assertEquals(SeatState.FREE, change.previous());
        assertEquals(Optional.of(ZHANG), change.patron());
    }

    @Test
    void checkIn_again_byTheHolderAtTheirOccupiedSeat_publishesOccupiedAgain_andChangesNothing() {
        seats.checkIn("desk-02", ZHANG, "desk_reader");
        int before = effects.events(SeatStateChanged.class).size();

        assertInstanceOf(SeatResult.Done.class, seats.checkIn("desk-02", ZHANG, "desk_reader"));

        // The hub takes it as the holder's answer to a peer report; the seat and its power stay as they were.
        List<SeatStateChanged> changes = effects.events(SeatStateChanged.class);
        assertEquals(before + 1, changes.size());
        assertEquals(SeatState.OCCUPIED, changes.getLast().state());
        assertEquals(SeatState.OCCUPIED, changes.getLast().previous());
        assertEquals(Optional.of(ZHANG), changes.getLast().patron());
        assertEquals(SeatState.OCCUPIED, seats.seat("desk-02").orElseThrow().state());
        assertEquals(true, effects.power.get("desk-02"));
    }

    @Test
    void checkIn_withNobodyAtTheSensedSeat_isReleasedAsNoShowAfterTheGrace() {
        seats.checkIn("desk-01", ZHANG, "kiosk");
        clock.advance(Duration.ofMinutes(14));
        seats.tick();
        assertEquals(SeatState.OCCUPIED, state("desk-01"));
        clock.advance(Duration.ofMinutes(1));
        seats.tick();
        assertEquals(SeatState.FREE, state("desk-01"));
        assertEquals(false, effects.power.get("desk-01"));
        SeatViolation v = single(effects.events(SeatViolation.class));
        assertEquals(SeatViolation.Kind.NO_SHOW, v.kind());
        assertEquals(ZHANG, v.patron());
    }

    @Test
    void presence_confirmsTheCheckIn_soTheGraceNoLongerApplies() {
        seats.checkIn("desk-01", ZHANG, "kiosk");
        seats.presence("desk-01", true);
        clock.advance(Duration.ofHours(2));
        seats.tick();
        assertEquals(SeatState.OCCUPIED, state("desk-01"));
        assertTrue(effects.events(SeatViolation.class).isEmpty());
    }

    @Test
    void absence_startsALeaveByItself_andAnOverrunLeaveReleasesWithEvidence() {
        seatedAtDesk01();
        Instant lastSeen = clock.instant();
        seats.presence("desk-01", false);
        clock.advance(Duration.ofMinutes(10));
        seats.tick();
        assertEquals(SeatState.AWAY, state("desk-01"));
        assertEquals(true, effects.power.get("desk-01"), "a short leave keeps lamp and outlet on");
        clock.advance(Duration.ofMinutes(30));
        seats.tick();
        assertEquals(SeatState.FREE, state("desk-01"));
        SeatViolation v = single(effects.events(SeatViolation.class));
        assertEquals(SeatViolation.Kind.LEAVE_OVERRUN, v.kind());
        assertEquals(Optional.of(lastSeen), v.lastPresence());
    }

    @Test
    void returning_duringTheLeave_resumesTheSession() {
        seatedAtDesk01();
        assertInstanceOf(SeatResult.Done.class, seats.leave("desk-01", ZHANG));
        clock.advance(Duration.ofMinutes(20));
        seats.presence("desk-01", true);
        assertEquals(SeatState.OCCUPIED, state("desk-01"));
        clock.advance(Duration.ofHours(1));
        seats.tick();
        assertEquals(SeatState.OCCUPIED, state("desk-01"));
    }

    @Test
    void restart_inTheMiddleOfALeave_resumesItWithTheSameDeadline() {
        seatedAtDesk01();
        seats.leave("desk-01", ZHANG);
        Instant due =
                seats.seat("desk-01").orElseThrow().deadline().orElseThrow().due();
        store.close();

        clock.advance(Duration.ofMinutes(29));
        store = new SqliteSeatStore(dir.resolve("seats.db"));
        RecordingSeatEffects after = new RecordingSeatEffects();
        seats = new SeatSessions(List.of(SENSED, PLAIN), SeatRules.DEFAULTS, store, after, clock);
        seats.resume();
        assertEquals(SeatState.AWAY, state("desk-01"));
        assertEquals(
                due,
                seats.seat("desk-01").orElseThrow().deadline().orElseThrow().due());
        assertEquals(true, after.power.get("desk-01"), "the restored session powers its desk again");

        clock.advance(Duration.ofMinutes(1));
        seats.tick();
        assertEquals(SeatState.FREE, state("desk-01"));
        assertEquals(
                SeatViolation.Kind.LEAVE_OVERRUN,
                single(after.events(SeatViolation.class)).kind());
    }

    @Test
    void checkIn_atASeatSomeoneElseHolds_isRefusedAndChangesNothing() {
        seats.checkIn("desk-02", ZHANG, "desk_reader");
        int events = effects.events.size();
        SeatResult r = seats.checkIn("desk-02", LI, "desk_reader");
        assertEquals(
                SeatResult.Code.SEAT_TAKEN,
                assertInstanceOf(SeatResult.Refused.class, r).code());
        assertEquals(
                "seat is taken", assertInstanceOf(SeatResult.Refused.class, r).reason());
        assertEquals(events, effects.events.size());
        assertEquals(Optional.of(ZHANG), seats.seat("desk-02").orElseThrow().patron());
    }

    @Test
    void leave_aSecondTime_isRefused() {
        seatedAtDesk01();
        seats.leave("desk-01", ZHANG);
        seats.presence("desk-01", true);
        assertInstanceOf(SeatResult.Refused.class, seats.leave("desk-01", ZHANG));
    }

    @Test
    void presence_withoutASession_asksToCheckIn_andCheckInClearsIt() {
        seats.presence("desk-01", true);
        assertEquals(true, effects.attention.get("desk-01"));
        seats.checkIn("desk-01", ZHANG, "desk_reader");
        assertEquals(false, effects.attention.get("desk-01"));
        assertEquals(SeatState.OCCUPIED, state("desk-01"));
        assertTrue(seats.seat("desk-01").orElseThrow().confirmed(), "someone was already sitting there");
    }

    @Test
    void gateExit_releasesThePatronsSeat_andCheckingInElsewhereMovesThem() {
        seats.checkIn("desk-02", ZHANG, "kiosk");
        seats.presence("desk-01", true);
        seats.checkIn("desk-01", ZHANG, "desk_reader");
        assertEquals(SeatState.FREE, state("desk-02"), "one seat per patron");
        seats.gateExit(ZHANG);
        assertEquals(SeatState.FREE, state("desk-01"));
        assertEquals(
                "gate_exit", effects.events(SeatStateChanged.class).getLast().cause());
    }

    @Test
    void reservation_notTakenUpWithinTheGrace_isANoShow() {
        seats.reserve("desk-02", LI, clock.instant().plus(Duration.ofMinutes(15)));
        assertEquals(SeatState.RESERVED, state("desk-02"));
        assertInstanceOf(SeatResult.Refused.class, seats.checkIn("desk-02", ZHANG, "kiosk"));
        clock.advance(Duration.ofMinutes(15));
        seats.tick();
        assertEquals(SeatState.FREE, state("desk-02"));
        assertEquals(LI, single(effects.events(SeatViolation.class)).patron());
    }

    @Test
    void closing_warnsHeldSeats_thenReleasesAllAndSwitchesPowerOff() {
        seatedAtDesk01();
        seats.warnClosing();
        assertEquals(List.of("desk-01"), effects.warned);
        seats.closeAll();
        assertEquals(SeatState.FREE, state("desk-01"));
        assertEquals(false, effects.power.get("desk-01"));
        assertEquals(false, effects.power.get("desk-02"));
    }

    private void seatedAtDesk01() {
        seats.presence("desk-01", true);
        seats.checkIn("desk-01", ZHANG, "desk_reader");
    }

    private static <T> T single(List<T> list) {
        assertEquals(1, list.size(), "expected exactly one, got " + list);
        return list.getFirst();
    }

    private SeatState state(String seat) {
        return seats.seat(seat).orElseThrow().state();
    }
}
