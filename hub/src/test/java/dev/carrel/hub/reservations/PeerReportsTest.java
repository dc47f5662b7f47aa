package dev.carrel.hub.reservations;

import static dev.carrel.hub.reservations.ReservationHub.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.hub.reservations.Booking.State;
import dev.carrel.hub.reservations.Refused.Code;
import dev.carrel.protocol.CommandBody.SeatAction;
import dev.carrel.protocol.EventBody.GatePassage.Direction;
import dev.carrel.protocol.SeatState;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peer reports on a real hub with a forwarded clock: Ann holds desk-2 (no sensor) from 10:00, Bo reports it
 * empty. Two reports an hour per patron, and one violation bans, so that the penalty is visible at once.
 */
class PeerReportsTest {
    @TempDir
    Path dir;

    private ReservationHub h;

    @BeforeEach
    void start() throws Exception {
        h = new ReservationHub(
                dir,
                "2026-11-23T09:50",
                Map.of(
                        "carrel.reservations.peer-report-limit", "2",
                        "carrel.reservations.penalties.violations", "1"));
        h.register("ann", "bo", "cy", "dan");
        h.agent();
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    private Booking checkedIn(String seat, String patron) throws Exception {
        Booking b = h.book(patron, seat, "2026-11-23T10:00", 240);
        h.sweepAt("2026-11-23T10:00");
        h.seat(seat, SeatState.OCCUPIED, SeatState.RESERVED, "desk_reader", patron);
        if (seat.equals("desk-1")) {
            h.presence(true);
        }
        assertEquals(State.CHECKED_IN, h.booking(b.id()).state());
        return b;
    }

    private PeerReports reports() {
        return h.hub.reservations().peerReports();
    }

    private Code refused(String reporter, String seat) {
        return assertThrows(Refused.class, () -> reports().report(reporter, seat))
                .code();
    }

    @Test
    void report_ofACheckedInSeat_givesTheHolderTheWindowToComeBack() throws Exception {
        Booking b = checkedIn("desk-2", "ann");
        h.clock.set(at("2026-11-23T10:30"));

        PeerReports.Report report = reports().report("bo", "desk-2");

        assertEquals(at("2026-11-23T10:45"), report.due());
        assertEquals(Optional.of(at("2026-11-23T10:45")), h.booking(b.id()).reportDue());
        assertEquals(List.of(), h.sweepAt("2026-11-23T10:44:59"));
        assertEquals(State.CHECKED_IN, h.booking(b.id()).state());
    }

    @Test
    void report_ofASeatNobodyCheckedInAt_isRefused() throws Exception {
        Booking waiting = h.book("ann", "desk-2", "2026-11-23T10:00", 240);
        h.sweepAt("2026-11-23T10:05");
        assertEquals(Code.NOT_REPORTABLE, refused("bo", "desk-2"), "booked but not checked in yet: the grace runs");
        assertEquals(Code.NOT_REPORTABLE, refused("bo", "desk-3"));
        assertEquals(Optional.empty(), h.booking(waiting.id()).reportDue());
        assertThrows(
                dev.carrel.protocol.InvalidFieldException.class, () -> reports().report("bo", "desk-77"));
    }

    @Test
    void report_ofTheReportersOwnSeat_isRefused() throws Exception {
        checkedIn("desk-2", "ann");
        assertEquals(Code.OWN_SEAT, refused("ann", "desk-2"));
    }

    @Test
    void report_ofASeatOnTemporaryLeave_isRefused() throws Exception {
        Booking b = checkedIn("desk-2", "ann");
        h.clock.set(at("2026-11-23T10:30"));
        h.seat("desk-2", SeatState.AWAY, SeatState.OCCUPIED, "leave", "ann");
        assertEquals(Code.ON_LEAVE, refused("bo", "desk-2"));
        assertEquals(Optional.empty(), h.booking(b.id()).reportDue());
    }

    @Test
    void report_whereTheSensorSeesSomeone_isRefused() throws Exception {
        Booking b = checkedIn("desk-1", "ann");
        assertEquals(Code.SEAT_OCCUPIED, refused("bo", "desk-1"));
        assertEquals(Optional.empty(), h.booking(b.id()).reportDue());
    }

    @Test
    void secondReport_ofTheSameSeat_isRefused_andKeepsTheFirstDeadline() throws Exception {
        Booking b = checkedIn("desk-2", "ann");
        h.clock.set(at("2026-11-23T10:30"));
        reports().report("bo", "desk-2");
        h.clock.set(at("2026-11-23T10:40"));
        assertEquals(Code.ALREADY_REPORTED, refused("cy", "desk-2"));
        assertEquals(Optional.of(at("2026-11-23T10:45")), h.booking(b.id()).reportDue());
    }

    @Test
    void reports_pastTheHourlyLimit_areRefused_untilAnHourHasPassed() throws Exception {
        Booking ann = checkedIn("desk-2", "ann");
        h.book("cy", "desk-3", "2026-11-23T10:00", 240);
        h.seat("desk-3", SeatState.OCCUPIED, SeatState.RESERVED, "desk_reader", "cy");
        h.clock.set(at("2026-11-23T10:30"));
        reports().report("bo", "desk-2");
        reports().report("bo", "desk-3");
        h.reservations().checkIn("ann", ann.id());
        h.clock.set(at("2026-11-23T11:29"));
        assertEquals(Code.REPORT_LIMIT, refused("bo", "desk-2"));
        assertEquals(Optional.empty(), h.booking(ann.id()).reportDue(), "a refusal changes nothing");

        h.clock.set(at("2026-11-23T11:31"));
        assertEquals(at("2026-11-23T11:46"), reports().report("bo", "desk-2").due());
    }

    @Test
    void report_byAPatronWithoutAGateEntryToday_isRefused_whereTheHubKnowsGatePassages() throws Exception {
        checkedIn("desk-2", "ann");
        h.gatePassage("2026-11-22T09:00", "bo", Direction.IN);
        h.gatePassage("2026-11-23T09:40", "ann", Direction.IN);
        h.gatePassage("2026-11-23T09:45", "bo", Direction.OUT);
        h.clock.set(at("2026-11-23T10:30"));
        assertEquals(Code.NO_GATE_ENTRY, refused("bo", "desk-2"), "yesterday's entry and an exit do not count");

        h.gatePassage("2026-11-23T10:20", "bo", Direction.IN);
        assertEquals(at("2026-11-23T10:45"), reports().report("bo", "desk-2").due());
    }

    @Test
    void seatCodeCheckIn_onAReportedBooking_clearsTheReport() throws Exception {
        Booking b = checkedIn("desk-2", "ann");
        h.clock.set(at("2026-11-23T10:30"));
        reports().report("bo", "desk-2");
        h.clock.set(at("2026-11-23T10:40"));

        Booking answered = h.reservations().checkIn("ann", b.id());

        assertEquals(State.CHECKED_IN, answered.state());
        assertEquals(Optional.empty(), answered.reportDue());
        assertEquals(List.of(), h.sweepAt("2026-11-23T10:50"));
        assertEquals(List.of(), h.violations("ann"));
        assertEquals(
                Code.ALREADY_CHECKED_IN,
                assertThrows(Refused.class, () -> h.reservations().checkIn("ann", b.id()))
                        .code(),
                "without a report, a second check-in is refused as before");
    }

    @Test
    void deskReaderCheckIn_onAReportedBooking_clearsTheReport() throws Exception {
        Booking b = checkedIn("desk-2", "ann");
        h.clock.set(at("2026-11-23T10:30"));
        reports().report("bo", "desk-2");
        h.seat("desk-2", SeatState.OCCUPIED, SeatState.OCCUPIED, "desk_reader", "ann");
        assertEquals(Optional.empty(), h.booking(b.id()).reportDue());
    }

    @Test
    void presence_afterTheReport_clearsIt_butASeatCodeAloneDoesNotOnASensorSeat() throws Exception {
        Booking b = checkedIn("desk-1", "ann");
        h.clock.set(at("2026-11-23T10:20"));
        h.presence(false);
        h.clock.set(at("2026-11-23T10:25"));
        reports().report("bo", "desk-1");

        h.reservations().checkIn("ann", b.id());
        assertEquals(Optional.of(at("2026-11-23T10:40")), h.booking(b.id()).reportDue(), "a photo of the code");

        h.clock.set(at("2026-11-23T10:30"));
        h.presence(true);
        assertEquals(Optional.empty(), h.booking(b.id()).reportDue());
        assertEquals(List.of(), h.sweepAt("2026-11-23T10:45"));
        assertEquals(State.CHECKED_IN, h.booking(b.id()).state());
    }

    @Test
    void reportNotAnswered_releasesTheSeat_countsAReportedAbsence_andItsPenalty() throws Exception {
        Booking b = checkedIn("desk-2", "ann");
        h.clock.set(at("2026-11-23T10:30"));
        reports().report("bo", "desk-2");

        assertEquals(List.of(b.id() + " reported_absent"), h.sweepAt("2026-11-23T10:45"));

        Booking released = h.booking(b.id());
        assertEquals(State.RELEASED, released.state());
        assertEquals(Optional.of("reported_absent"), released.reason());
        h.agent().awaitCommand(SeatAction.Action.RELEASE);
        List<Violation> violations = h.violations("ann");
        assertEquals(1, violations.size());
        Violation v = violations.getFirst();
        assertEquals("reported_absent", v.kind());
        assertTrue(v.evidence().contains("\"reportDue\""), v.evidence());
        assertFalse(v.evidence().contains("\"bo\""), "the holder's view does not name the reporter: " + v.evidence());
        Map<String, Object> staff = h.hub.reservations().appeals().evidence(v.id());
        List<?> filed = (List<?>) staff.get("reports");
        PeerReports.Filed report = (PeerReports.Filed) filed.getFirst();
        assertEquals("bo", report.reporterId());
        assertEquals("released", report.outcome());
        assertEquals(1, h.hub.reservations().appeals().of("ann").bans().size(), "one violation bans here");
        assertEquals(Code.BANNED, refusedBooking("ann"));
    }

    private Code refusedBooking(String patron) throws SQLException {
        return assertThrows(Refused.class, () -> h.book(patron, "desk-3", "2026-11-23T12:00", 60))
                .code();
    }
}
