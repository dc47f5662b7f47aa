package dev.carrel.hub.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.hub.reservations.Booking;
import dev.carrel.hub.reservations.Reservations;
import dev.carrel.hub.reservations.Violation;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.SeatState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No-shows and overrun leaves in the analytics count each booking's violation once, whoever saw it first: the
 * hub's reservation sweep, the seat's agent, or both. Real bookings and the real sweep on the analytics test
 * library (UTC, open 08:00-22:00), with access on so that seats are held for the patrons' cards; the agent's
 * reports go through ingest. Day D is Tuesday 2026-03-10.
 */
class NoShowsTest {
    static final String D = "2026-03-10";
    static final CredentialHash ANNA = AnalyticsRig.card("anna");
    static final CredentialHash BEN = AnalyticsRig.card("ben");
    static final CredentialHash CLEO = AnalyticsRig.card("cleo"); // no patron holds it
    static final String RANGE = "?from=2026-03-10&to=2026-03-11";

    @TempDir
    Path dir;

    AnalyticsRig rig;

    @BeforeEach
    void start() throws Exception {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 7);
        Path file = dir.resolve("site-secret");
        Files.writeString(file, Base64.getEncoder().encodeToString(secret));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        rig = new AnalyticsRig(
                dir,
                at("08:00"),
                Map.of(
                        "carrel.site.id", "lib",
                        "carrel.site.secret-file", file.toString(),
                        "carrel.reservations.sweep-every", "1h"));
        rig.patron("p-anna", "undergraduate", "Arts", ANNA);
        rig.patron("p-ben", "postgraduate", "Law", BEN);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    static Instant at(String time) {
        return Instant.parse(D + "T" + time + ":00Z");
    }

    @Test
    void noShow_foundByTheSweepAlone_countsOnceForTheZoneAndThePatron() throws Exception {
        Booking b = book("p-anna", "s2", "14:00");
        sweepAt("14:00");
        assertEquals(List.of(b.id() + " no_show"), sweepAt("14:15"));

        rollUpNextDay();

        JsonNode reading = zone("reading");
        assertEquals(1, reading.get("noShows").asInt());
        assertEquals(0, reading.get("overruns").asInt());
        assertEquals(1, segment("undergraduate").get("noShows").asInt());
        assertEquals(
                1,
                get("/api/analytics/summary" + RANGE)
                        .get("rows")
                        .get(0)
                        .get("noShows")
                        .asInt());
    }

    @Test
    void noShow_reportedByTheAgentToo_stillCountsOnce_whicheverSawItFirst() throws Exception {
        book("p-anna", "s2", "14:00");
        book("p-ben", "s1", "14:00");
        sweepAt("14:00");
        // Anna's: the sweep first, the agent a minute later. Ben's: the agent first, the sweep after it.
        agentReports("14:15", "s1", BEN, EventBody.SeatViolation.Kind.NO_SHOW);
        sweepAt("14:15");
        agentReports("14:16", "s2", ANNA, EventBody.SeatViolation.Kind.NO_SHOW);
        assertEquals(2, rig.count("SELECT count(*) FROM reservation_violations"));
        assertEquals(2, rig.count("SELECT count(*) FROM events WHERE type = 'seat_violation'"));

        rollUpNextDay();

        assertEquals(2, zone("reading").get("noShows").asInt());
        assertEquals(1, segment("undergraduate").get("noShows").asInt());
        assertEquals(1, segment("postgraduate").get("noShows").asInt());
    }

    @Test
    void walkUpViolations_reportedOnlyByTheAgent_count_withAPatronOrWithout() throws Exception {
        agentReports("10:00", "s3", ANNA, EventBody.SeatViolation.Kind.NO_SHOW);
        agentReports("11:00", "s3", CLEO, EventBody.SeatViolation.Kind.NO_SHOW);
        agentReports("12:00", "s3", BEN, EventBody.SeatViolation.Kind.LEAVE_OVERRUN);
        // The hub keeps the patrons' (no booking), not the stranger's.
        assertEquals(2, rig.count("SELECT count(*) FROM reservation_violations WHERE reservation_id IS NULL"));

        rollUpNextDay();

        JsonNode reading = zone("reading");
        assertEquals(2, reading.get("noShows").asInt());
        assertEquals(1, reading.get("overruns").asInt());
        assertEquals(1, segment("undergraduate").get("noShows").asInt());
        assertEquals(1, segment("unknown").get("noShows").asInt());
    }

    @Test
    void leaveOverrun_foundByTheSweep_andReportedByTheAgent_countsOnce() throws Exception {
        Booking b = book("p-anna", "s1", "14:00");
        sweepAt("14:00");
        rig.clock.set(at("14:05"));
        rig.presence(at("14:05"), "s1-presence", true);
        rig.seat(at("14:05"), "s1", SeatState.OCCUPIED, SeatState.RESERVED, ANNA);
        rig.clock.set(at("14:30"));
        rig.presence(at("14:30"), "s1-presence", false);
        rig.seat(at("14:30"), "s1", SeatState.AWAY, SeatState.OCCUPIED, ANNA);
        assertEquals(List.of(b.id() + " leave_overrun"), sweepAt("15:00"));
        agentReports("15:01", "s1", ANNA, EventBody.SeatViolation.Kind.LEAVE_OVERRUN);

        rollUpNextDay();

        JsonNode reading = zone("reading");
        assertEquals(1, reading.get("overruns").asInt());
        assertEquals(0, reading.get("noShows").asInt());
    }

    @Test
    void violations_voidedByAnAcceptedAppeal_stopCounting_atTheNextRollup() throws Exception {
        book("p-anna", "s2", "14:00");
        sweepAt("14:00");
        sweepAt("14:15");
        agentReports("16:00", "s3", BEN, EventBody.SeatViolation.Kind.NO_SHOW); // a walk-up
        rollUpNextDay();
        assertEquals(2, zone("reading").get("noShows").asInt());

        accept("p-anna");
        accept("p-ben");
        rig.clock.set(Instant.parse("2026-03-11T10:00:00Z"));
        rig.hub.analytics().refresh();

        assertEquals(0, zone("reading").get("noShows").asInt());
        for (JsonNode row : get("/api/analytics/segments" + RANGE).get("rows")) {
            assertEquals(0, row.get("noShows").asInt(), row.toString());
        }
    }

    private Booking book(String patron, String seat, String start) throws Exception {
        rig.clock.set(at("13:00"));
        return rig.hub
                .reservations()
                .reservations()
                .book(patron, new Reservations.Request(Booking.Kind.SEAT, seat, Optional.of(at(start)), 60));
    }

    private List<String> sweepAt(String time) throws Exception {
        rig.clock.set(at(time));
        return rig.hub.reservations().sweep();
    }

    /** The seat's agent reports a violation it saw at {@code time}, and the hub receives it then. */
    private void agentReports(String time, String seat, CredentialHash who, EventBody.SeatViolation.Kind kind)
            throws Exception {
        rig.clock.set(at(time));
        rig.send("room-1", at(time), new EventBody.SeatViolation(seat, who, kind, Optional.empty()));
    }

    private void accept(String patron) throws Exception {
        var appeals = rig.hub.reservations().appeals();
        Violation v = appeals.search(Optional.of(patron), Optional.empty(), 10).getFirst();
        var appeal = appeals.appeal(patron, v.id(), "the sensor was broken");
        appeals.decide(appeal.id(), true, "librarian", "sensor replaced");
    }

    private void rollUpNextDay() throws Exception {
        rig.clock.set(Instant.parse("2026-03-11T08:00:00Z"));
        rig.hub.analytics().refresh();
    }

    private JsonNode zone(String id) throws Exception {
        for (JsonNode row : get("/api/analytics/zones" + RANGE).get("rows")) {
            if (row.get("zone").asText().equals(id)) {
                return row;
            }
        }
        throw new AssertionError("no zone " + id);
    }

    private JsonNode segment(String group) throws Exception {
        for (JsonNode row : get("/api/analytics/segments" + RANGE).get("rows")) {
            if (row.get("group").asText().equals(group)) {
                return row;
            }
        }
        throw new AssertionError("no segment " + group);
    }

    private JsonNode get(String path) throws Exception {
        var a = rig.http.get(path);
        assertEquals(200, a.status(), path + " -> " + a.text());
        return a.body();
    }
}
