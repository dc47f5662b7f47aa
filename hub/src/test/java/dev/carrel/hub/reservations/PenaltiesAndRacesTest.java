package dev.carrel.hub.reservations;

import static dev.carrel.hub.reservations.ReservationHub.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.hub.reservations.Booking.State;
import dev.carrel.hub.reservations.Violation.Ban;
import dev.carrel.protocol.InvalidFieldException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Penalties, exam-period strictness, the last-seat race and room groups, on a real hub and SQLite file. */
class PenaltiesAndRacesTest {
    @TempDir
    Path dir;

    private ReservationHub h;

    @BeforeEach
    void start() throws Exception {
        h = new ReservationHub(dir, "2026-11-02T09:50");
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    /** Books desk-2 at 10:00 on the day and lets the grace period pass: one no-show. */
    private void noShow(String patron, LocalDate day) throws Exception {
        h.clock.set(at(day + "T09:50"));
        Booking b = h.book(patron, "desk-2", day + "T10:00", 60);
        h.sweepAt(day + "T10:00");
        h.sweepAt(day + "T10:15");
        assertEquals(State.NO_SHOW, h.booking(b.id()).state());
    }

    private List<Ban> bans(String patron) throws Exception {
        return h.hub.reservations().appeals().of(patron).bans();
    }

    @Test
    void threeViolationsIn30Days_banForADay_thenRepeated_banForAWeek() throws Exception {
        LocalDate d = LocalDate.parse("2026-11-02");
        noShow("p1", d);
        noShow("p1", d.plusDays(1));
        assertEquals(List.of(), bans("p1"));
        noShow("p1", d.plusDays(2));
        List<Ban> first = bans("p1");
        assertEquals(1, first.size());
        assertEquals(
                Duration.ofDays(1),
                Duration.between(first.getFirst().from(), first.getFirst().until()));
        assertFalse(first.getFirst().repeated());

        h.clock.set(at(d.plusDays(2) + "T12:00"));
        Refused banned = assertThrows(Refused.class, () -> h.book("p1", "desk-3", d.plusDays(2) + "T13:00", 60));
        assertEquals(Refused.Code.BANNED, banned.code());
        assertEquals(
                List.of(), h.reservations().search(Optional.of("p1"), Optional.of("desk-3"), Optional.empty(), 10));

        // Counting restarts after a ban: the next two do not ban again, the third does, for a week.
        noShow("p1", d.plusDays(4));
        noShow("p1", d.plusDays(5));
        assertEquals(1, bans("p1").size());
        noShow("p1", d.plusDays(6));
        Ban second = bans("p1").getFirst();
        assertTrue(second.repeated());
        assertEquals(Duration.ofDays(7), Duration.between(second.from(), second.until()));
    }

    @Test
    void violationsOutside30Days_doNotAddUp() throws Exception {
        LocalDate d = LocalDate.parse("2026-11-02");
        noShow("p1", d);
        noShow("p1", d.plusDays(15));
        noShow("p1", d.plusDays(31));
        assertEquals(List.of(), bans("p1"));
    }

    @Test
    void examPeriod_oneNoShowBansForSixDays() throws Exception {
        noShow("p1", LocalDate.parse("2027-01-20"));
        assertEquals(List.of(), bans("p1"), "outside the exam period one violation is not enough");
        noShow("p2", LocalDate.parse("2027-01-26"));
        List<Ban> bans = bans("p2");
        assertEquals(1, bans.size());
        assertTrue(bans.getFirst().exam());
        assertEquals(
                Duration.ofDays(6),
                Duration.between(bans.getFirst().from(), bans.getFirst().until()));
        assertTrue(h.violations("p2").getFirst().exam());
    }

    @Test
    void appealAccepted_voidsTheViolation_andLiftsItsBan() throws Exception {
        noShow("p2", LocalDate.parse("2027-01-26"));
        Violation v = h.violations("p2").getFirst();
        Violation.Appeal appeal = h.hub.reservations().appeals().appeal("p2", v.id(), "the sensor was broken");
        Refused twice =
                assertThrows(Refused.class, () -> h.hub.reservations().appeals().appeal("p2", v.id(), "again"));
        assertEquals(Refused.Code.ALREADY_APPEALED, twice.code());
        Violation decided = h.hub.reservations().appeals().decide(appeal.id(), true, "librarian", "sensor fault");
        assertEquals("voided", decided.state());
        assertEquals("accepted", decided.appeal().orElseThrow().state());
        assertEquals(List.of(), bans("p2"));
        h.clock.set(at("2027-01-26T12:00"));
        h.book("p2", "desk-3", "2027-01-26T13:00", 60);
    }

    @Test
    void twoPatronsRacingForTheLastSeat_oneBookingAndClearRefusals() throws Exception {
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Booking>> results = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String patron = "racer-" + i;
            Callable<Booking> attempt = () -> {
                go.await();
                return h.book(patron, "desk-3", "2026-11-02T10:00", 60);
            };
            results.add(pool.submit(attempt));
        }
        go.countDown();
        int booked = 0;
        int refused = 0;
        for (Future<Booking> f : results) {
            try {
                f.get();
                booked++;
            } catch (java.util.concurrent.ExecutionException e) {
                Refused r = (Refused) e.getCause();
                assertEquals(Refused.Code.SEAT_TAKEN, r.code());
                refused++;
            }
        }
        pool.shutdown();
        assertEquals(1, booked);
        assertEquals(racers - 1, refused);
        assertEquals(
                1,
                h.reservations()
                        .search(Optional.empty(), Optional.of("desk-3"), Optional.of("booked"), 10)
                        .size());
    }

    @Test
    void room_groupNotCompleteIn15Minutes_isReleased() throws Exception {
        assertThrows(InvalidFieldException.class, () -> h.reservations()
                .book(
                        "p1",
                        new Reservations.Request(
                                Booking.Kind.ROOM, "room-a", Optional.of(at("2026-11-02T14:00")), 20)));
        Booking room = h.reservations()
                .book(
                        "p1",
                        new Reservations.Request(Booking.Kind.ROOM, "room-a", Optional.of(at("2026-11-02T14:00")), 60));
        assertEquals(State.FORMING, room.state());
        String code = room.joinCode().orElseThrow();
        assertEquals(State.FORMING, h.reservations().join("p2", code).state());
        assertEquals(List.of(), h.sweepAt("2026-11-02T14:14"));
        assertEquals(List.of(room.id() + " group_not_formed"), h.sweepAt("2026-11-02T14:15"));
        assertEquals(State.RELEASED, h.booking(room.id()).state());
    }

    @Test
    void room_groupComplete_isBooked() throws Exception {
        Booking room = h.reservations()
                .book(
                        "p1",
                        new Reservations.Request(
                                Booking.Kind.ROOM, "room-a", Optional.of(at("2026-11-02T14:00")), 120));
        h.reservations().join("p2", room.joinCode().orElseThrow());
        assertEquals(
                State.BOOKED,
                h.reservations().join("p3", room.joinCode().orElseThrow()).state());
        assertEquals(List.of(), h.sweepAt("2026-11-02T14:30"));
        assertEquals(List.of(room.id() + " completed"), h.sweepAt("2026-11-02T16:00"));
        assertEquals(3, h.reservations().members(room.id()).size());
    }
}
