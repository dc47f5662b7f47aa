package dev.carrel.hub.reservations;

import static dev.carrel.hub.reservations.ReservationHub.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.hub.privacy.PatronData;
import dev.carrel.protocol.CommandBody.SeatAction;
import dev.carrel.protocol.InvalidFieldException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Long-term seats with a weekly presence quota from the seat's sensor; and the patron data of reservations. */
class LongTermSeatsTest {
    @TempDir
    Path dir;

    private ReservationHub h;
    private LongTermSeats seats;

    @BeforeEach
    void start() throws Exception {
        h = new ReservationHub(
                dir,
                "2026-11-02T09:00",
                Map.of(
                        "carrel.reservations.zones.reading.long-term", "true",
                        "carrel.reservations.zones.reading.long-term-weekly-quota", "10h"));
        seats = h.hub.reservations().longTermSeats();
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    /** The sensor of desk-1 sees someone from {@code from} to {@code to} (local times). */
    private void present(String from, String to) throws Exception {
        h.clock.set(at(from));
        h.presence(true);
        h.clock.set(at(to));
        h.presence(false);
    }

    @Test
    void weekWithTheQuota_keepsTheSeat_weekShort_releasesIt() throws Exception {
        LongTermSeats.Hold hold = seats.hold("p1", "desk-1", 3);
        assertEquals("active", hold.state());
        assertEquals(600, hold.quotaMinutes());
        Refused taken = assertThrows(Refused.class, () -> h.book("p2", "desk-1", "2026-11-02T10:00", 60));
        assertEquals(Refused.Code.SEAT_TAKEN, taken.code());

        present("2026-11-02T10:00", "2026-11-02T14:00");
        present("2026-11-03T10:00", "2026-11-03T14:00");
        present("2026-11-04T10:00", "2026-11-04T14:00");
        assertEquals(List.of(), h.sweepAt("2026-11-09T08:59"));
        assertEquals(List.of(), h.sweepAt("2026-11-09T09:00"));
        LongTermSeats.Hold afterWeek1 = seats.find(hold.id()).orElseThrow();
        assertEquals("active", afterWeek1.state());
        assertEquals(720, ((Number) afterWeek1.weeks().getFirst().get("minutes")).intValue());

        present("2026-11-10T10:00", "2026-11-10T12:00");
        assertEquals(List.of(hold.id() + " quota_missed"), h.sweepAt("2026-11-16T09:00"));
        LongTermSeats.Hold released = seats.find(hold.id()).orElseThrow();
        assertEquals("released", released.state());
        assertEquals(120, ((Number) released.weeks().get(1).get("minutes")).intValue());
        List<Violation> violations = h.violations("p1");
        assertEquals(1, violations.size(), "the short week counts once, the full one not at all");
        assertEquals("quota_missed", violations.getFirst().kind());
        assertEquals("counted", violations.getFirst().state());
        assertTrue(
                violations.getFirst().evidence().contains("\"presenceMinutes\":120"),
                violations.getFirst().evidence());
        h.clock.set(at("2026-11-16T09:30"));
        h.book("p2", "desk-1", "2026-11-16T10:00", 60);
    }

    @Test
    void onlyLongTermZones_seatsWithASensor_andOneHoldEach() throws Exception {
        assertEquals(
                Refused.Code.NOT_LONG_TERM,
                assertThrows(Refused.class, () -> seats.hold("p1", "desk-9", 2)).code());
        assertThrows(InvalidFieldException.class, () -> seats.hold("p1", "desk-2", 2));
        assertThrows(InvalidFieldException.class, () -> seats.hold("p1", "desk-1", 9));
        seats.hold("p1", "desk-1", 2);
        assertEquals(
                Refused.Code.SEAT_TAKEN,
                assertThrows(Refused.class, () -> seats.hold("p2", "desk-1", 1)).code());
    }

    @Test
    void hold_sendsHoldToTheSeatsAgent_andCancellingSendsRelease() throws Exception {
        SeatAgent agent = h.agent();
        LongTermSeats.Hold hold = seats.hold("p1", "desk-1", 2);

        SeatAction sent = agent.awaitCommand(SeatAction.Action.HOLD);
        assertEquals(Optional.of("desk-1"), sent.seatId());
        assertEquals(ReservationHub.hash("p1"), sent.patron());
        assertEquals(Optional.of(hold.until()), sent.until());
        ReservationHub.await(() -> h.commands(hold.id()).equals(List.of("hold applied")), "the agent's reply");

        seats.cancel("p1", hold.id());
        assertEquals(
                ReservationHub.hash("p1"),
                agent.awaitCommand(SeatAction.Action.RELEASE).patron());
        ReservationHub.await(
                () -> h.commands(hold.id()).equals(List.of("hold applied", "release applied")), "the release's reply");
        h.sweepAt("2026-11-02T09:30");
        assertEquals(List.of("hold applied", "release applied"), h.commands(hold.id()), "nothing sent again");
    }

    @Test
    void quotaMissed_sendsRelease_butTheHoldsOwnEndSendsNothing() throws Exception {
        LongTermSeats.Hold missed = seats.hold("p1", "desk-1", 2);
        assertEquals(List.of(missed.id() + " quota_missed"), h.sweepAt("2026-11-09T09:00"));
        assertEquals(List.of("hold", "release"), h.actions(missed.id()));

        LongTermSeats.Hold full = seats.hold("p2", "desk-1", 1);
        present("2026-11-09T10:00", "2026-11-09T21:00");
        assertEquals(List.of(full.id() + " ended"), h.sweepAt("2026-11-16T09:00"));
        assertEquals(
                List.of("hold"),
                h.actions(full.id()),
                "the agent ends the hold at its until by itself; a RELEASE could end the holder's session");
    }

    @Test
    void holdTheAgentMissed_isSentAgainByTheSweepUntilApplied() throws Exception {
        LongTermSeats.Hold hold = seats.hold("p1", "desk-1", 2);
        assertEquals(List.of("hold pending"), h.commands(hold.id()));
        h.sweepAt("2026-11-02T09:05");
        assertEquals(List.of("hold pending"), h.commands(hold.id()), "not expired yet: waits");

        SeatAgent agent = h.agent(); // the agent comes online after the first HOLD expired unseen
        h.sweepAt("2026-11-02T09:10");
        assertEquals(
                hold.until(), agent.awaitCommand(SeatAction.Action.HOLD).until().orElseThrow());
        ReservationHub.await(() -> h.actions(hold.id()).equals(List.of("hold", "hold applied")), "the agent's reply");
        h.sweepAt("2026-11-02T09:30");
        assertEquals(List.of("hold", "hold applied"), h.actions(hold.id()), "applied: not sent again");
    }

    @Test
    void patronData_exportsAndErasesEveryReservationTable() throws Exception {
        seats.hold("p1", "desk-1", 1);
        h.book("p1", "desk-2", "2026-11-02T10:00", 60);
        h.sweepAt("2026-11-02T10:15");
        assertEquals(1, h.violations("p1").size());
        PatronData data = h.hub.reservations().patronData();
        assertEquals("reservations", data.name());
        @SuppressWarnings("unchecked")
        Map<String, List<?>> export =
                (Map<String, List<?>>) h.hub.reservations().database().read(c -> data.export(c, "p1"));
        assertEquals(1, export.get("bookings").size());
        assertEquals(1, export.get("violations").size());
        assertEquals(1, export.get("longTermSeats").size());
        assertTrue(export.get("appeals").isEmpty());

        h.hub.reservations().write("erase p1", c -> data.erase(c, "p1"));
        @SuppressWarnings("unchecked")
        Map<String, List<?>> after =
                (Map<String, List<?>>) h.hub.reservations().database().read(c -> data.export(c, "p1"));
        after.values().forEach(rows -> assertTrue(rows.isEmpty(), after.toString()));
    }
}
