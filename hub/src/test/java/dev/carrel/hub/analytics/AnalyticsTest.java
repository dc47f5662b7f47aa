package dev.carrel.hub.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.hub.HubHttp;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.SeatState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollups computed from raw events fed through ingest, read back through the REST API. Day D is Tuesday
 * 2026-03-10 in a UTC library open 08:00-22:00; D+1 has no data at all.
 */
class AnalyticsTest {
    static final String D = "2026-03-10";
    static final CredentialHash ANNA = AnalyticsRig.card("anna");
    static final CredentialHash BEN = AnalyticsRig.card("ben");
    static final String RANGE = "?from=2026-03-10&to=2026-03-12";

    @TempDir
    Path dir;

    AnalyticsRig rig;

    @BeforeEach
    void start() throws Exception {
        rig = new AnalyticsRig(dir, at(D, "23:30"), Map.of("carrel.analytics.award-daily-cap", "90m"));
        rig.patron("p-anna", "undergraduate", "Arts", ANNA);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    static Instant at(String day, String time) {
        return Instant.parse(day + "T" + time + ":00Z");
    }

    /** Anna: a visit 09:00-11:30 and an entry at 13:00 never closed; Ben (no patron): 10:15-10:40; Anna on D+2. */
    void visits() throws Exception {
        rig.passage(at(D, "09:00"), true, ANNA);
        rig.passage(at(D, "10:15"), true, BEN);
        rig.passage(at(D, "10:40"), false, BEN);
        rig.passage(at(D, "11:30"), false, ANNA);
        rig.passage(at(D, "13:00"), true, ANNA);
        rig.passage(at("2026-03-12", "09:30"), true, ANNA);
        rig.passage(at("2026-03-12", "10:00"), false, ANNA);
    }

    /**
     * Anna on s1 (sensor) 09:10-11:10: away 10:05-10:20, sensor sees her 09:10-10:00 and 10:20-11:10 (100 min).
     * Ben on s3 (no sensor) 10:00-12:00. Ben books s2 and does not come: a no-show.
     */
    void seats() throws Exception {
        rig.seat(at(D, "09:10"), "s1", SeatState.OCCUPIED, SeatState.FREE, ANNA);
        rig.presence(at(D, "09:10"), "s1-presence", true);
        rig.presence(at(D, "10:00"), "s1-presence", false);
        rig.seat(at(D, "10:05"), "s1", SeatState.AWAY, SeatState.OCCUPIED, ANNA);
        rig.seat(at(D, "10:20"), "s1", SeatState.OCCUPIED, SeatState.AWAY, ANNA);
        rig.presence(at(D, "10:20"), "s1-presence", true);
        rig.seat(at(D, "11:10"), "s1", SeatState.FREE, SeatState.OCCUPIED, ANNA);
        rig.presence(at(D, "11:10"), "s1-presence", false);
        rig.seat(at(D, "10:00"), "s3", SeatState.OCCUPIED, SeatState.FREE, BEN);
        rig.seat(at(D, "12:00"), "s3", SeatState.FREE, SeatState.OCCUPIED, BEN);
        rig.seat(at(D, "14:00"), "s2", SeatState.RESERVED, SeatState.FREE, BEN);
        rig.noShow(at(D, "14:15"), "s2", BEN);
        rig.seat(at(D, "14:15"), "s2", SeatState.FREE, SeatState.RESERVED, BEN);
    }

    JsonNode get(String path) throws Exception {
        HubHttp.Answer a = rig.http.get(path);
        assertEquals(200, a.status(), path + " -> " + a.text());
        return a.body();
    }

    @Test
    void visits_pairEntriesWithExits_closeUnpairedAtClosing_andFillDaysWithoutData() throws Exception {
        visits();
        rig.clock.set(at("2026-03-13", "08:00"));
        rig.hub.analytics().refresh();

        JsonNode rows = get("/api/analytics/visits" + RANGE).get("rows");
        assertEquals(3, rows.size());
        assertEquals("2026-03-10", rows.get(0).get("period").asText());
        assertEquals(3, rows.get(0).get("entries").asInt());
        assertEquals(2, rows.get(0).get("visitors").asInt());
        assertEquals(2, rows.get(0).get("newVisitors").asInt());
        assertEquals(1, rows.get(0).get("unpairedEntries").asInt());
        // (150 + 540 + 25) / 3 minutes: Anna's second entry is closed at 22:00 and flagged.
        assertEquals(238.3, rows.get(0).get("averageDwellMinutes").asDouble(), 0.01);
        assertEquals(0, rows.get(1).get("entries").asInt());
        assertTrue(rows.get(1).get("averageDwellMinutes").isNull());
        assertEquals(1, rows.get(2).get("visitors").asInt());
        assertEquals(0, rows.get(2).get("newVisitors").asInt());
        assertEquals(1, rows.get(2).get("returningVisitors").asInt());

        JsonNode dwell = get("/api/analytics/dwell" + RANGE).get("rows");
        assertEquals("15-30", dwell.get(1).get("bucket").asText());
        assertEquals(1, dwell.get(1).get("visits").asInt()); // Ben, 25 min
        assertEquals(1, dwell.get(2).get("visits").asInt()); // Anna on D+2, 30 min
        assertEquals(1, dwell.get(4).get("visits").asInt()); // Anna, 150 min
        assertEquals("480+", dwell.get(6).get("bucket").asText());
        assertEquals(1, dwell.get(6).get("unpaired").asInt()); // Anna, 13:00 to closing
        JsonNode peak = get("/api/analytics/peak-hours" + RANGE).get("rows");
        assertEquals(2, peak.get(9).get("entries").asInt());
        assertEquals(1, peak.get(9).get("rank").asInt());

        for (int score : new int[] {4, 5}) { // the engagement feature's kiosk feedback, by group and college
            rig.execute(
                    "INSERT INTO feedback VALUES (?, 'gate-a', 'k', '', 'exit', ?, 'undergraduate', 'Arts', NULL, ?)",
                    "f" + score,
                    score,
                    at(D, "12:00").toEpochMilli());
        }
        JsonNode segments = get("/api/analytics/segments" + RANGE + "&by=group").get("rows");
        assertEquals("undergraduate", segments.get(0).get("group").asText());
        assertEquals(3, segments.get(0).get("entries").asInt());
        assertEquals(0, segments.get(0).get("bookings").asInt(), "a total with no bookings in range is 0");
        assertTrue(segments.get(0).get("bookings").isIntegralNumber());
        assertEquals(4.5, segments.get(0).get("satisfaction").asDouble());
        assertEquals("unknown", segments.get(1).get("group").asText());

        JsonNode hourly = get("/api/analytics/visits?from=2026-03-10&to=2026-03-10&interval=hour")
                .get("rows");
        assertEquals(24, hourly.size());
        assertEquals(1, hourly.get(13).get("entries").asInt());
    }

    @Test
    void segments_countBookingsByTheirPatronsGroupAndCollege_exceptCancelledOnes() throws Exception {
        visits();
        booking("b1", "s1", "p-anna", at(D, "09:00"), "completed");
        booking("b2", "s2", "p-anna", at("2026-03-11", "14:00"), "no_show");
        booking("b3", "s3", "p-anna", at(D, "15:00"), "cancelled");
        booking("b4", "s1", "p-anna", at("2026-03-20", "09:00"), "completed"); // after the range
        booking("b5", "s2", "p-erased", at(D, "10:00"), "completed"); // no longer in the registry
        rig.clock.set(at("2026-03-13", "08:00"));
        rig.hub.analytics().refresh();

        JsonNode byGroup = get("/api/analytics/segments" + RANGE + "&by=group").get("rows");
        assertEquals("undergraduate", byGroup.get(0).get("group").asText());
        assertEquals(2, byGroup.get(0).get("bookings").asInt());
        assertEquals("unknown", byGroup.get(1).get("group").asText());
        assertEquals(1, byGroup.get(1).get("bookings").asInt());
        JsonNode byCollege =
                get("/api/analytics/segments" + RANGE + "&by=college").get("rows");
        assertEquals("Arts", byCollege.get(1).get("college").asText());
        assertEquals(2, byCollege.get(1).get("bookings").asInt());
        assertEquals(1, byCollege.get(0).get("bookings").asInt());
    }

    /** A booking row as the reservations feature writes it (only the columns the segments read matter). */
    private void booking(String id, String seat, String patron, Instant start, String state) throws Exception {
        rig.execute(
                "INSERT INTO reservations (id, kind, resource_id, zone_id, patron_id, start_at, end_at, grace_until,"
                        + " state, created, updated) VALUES (?, 'seat', ?, 'reading', ?, ?, ?, ?, ?, ?, ?)",
                id,
                seat,
                patron,
                start.toEpochMilli(),
                start.plusSeconds(3600).toEpochMilli(),
                start.plusSeconds(900).toEpochMilli(),
                state,
                start.toEpochMilli(),
                start.toEpochMilli());
    }

    @Test
    void seats_heatMapNoShowsLeaves_andVerifiedTimeIsOccupiedWhileTheSensorSeesSomeone() throws Exception {
        seats();
        rig.clock.set(at("2026-03-13", "08:00"));
        rig.hub.analytics().refresh();

        JsonNode zones = get("/api/analytics/zones" + RANGE).get("rows");
        JsonNode reading = zones.get(0);
        assertEquals("reading", reading.get("zone").asText());
        assertEquals(3, reading.get("seats").asInt());
        assertEquals(3, reading.get("sessions").asInt());
        assertEquals(1, reading.get("noShows").asInt());
        assertEquals(1, reading.get("leaves").asInt());
        assertEquals(15.0, reading.get("averageLeaveMinutes").asDouble());
        // s1 55 + 50 min occupied, s3 120 min: 3.75 seat-hours over 3 seats x 14 h x 3 days.
        assertEquals(3.75, reading.get("occupiedHours").asDouble());
        assertEquals("room", zones.get(1).get("kind").asText());
        assertEquals(0, zones.get(1).get("sessions").asInt());
        assertEquals(
                1,
                get("/api/analytics/zones" + RANGE + "&kind=room").get("rows").size());

        JsonNode heat = get("/api/analytics/seats" + RANGE).get("rows");
        assertEquals(48, heat.size()); // two zones x 24 hours
        JsonNode nine = heat.get(9);
        assertEquals(9, nine.get("hour").asInt());
        assertEquals(50.0, nine.get("occupiedMinutes").asDouble()); // s1 09:10-10:00
        assertEquals(
                Math.round(50.0 / (3 * 3 * 60) * 10_000) / 10_000.0,
                nine.get("utilisation").asDouble());
        JsonNode ten = heat.get(10);
        assertEquals(5.0 + 40.0 + 60.0, ten.get("occupiedMinutes").asDouble());
        assertEquals(15.0, ten.get("awayMinutes").asDouble());
        assertEquals(
                72,
                get("/api/analytics/seats" + RANGE + "&zone=reading&by=date-hour")
                        .get("rows")
                        .size());

        // Anna's sensor saw her 50 + 50 min; the 90 min daily cap of this test applies to the award.
        JsonNode segments = get("/api/analytics/segments" + RANGE).get("rows");
        JsonNode anna = segments.get(0);
        assertEquals("undergraduate", anna.get("group").asText());
        assertEquals(1.67, anna.get("verifiedHours").asDouble());
        assertEquals(1.75, anna.get("seatHours").asDouble());
        JsonNode ben = segments.get(1);
        assertEquals(0.0, ben.get("verifiedHours").asDouble()); // s3 has no sensor
        assertEquals(1, ben.get("noShows").asInt());
        JsonNode award = get("/api/analytics/awards/time?quarter=2026-Q1").get("rows");
        assertEquals(1, award.size()); // Ben holds no patron record: not on the leaderboard
        assertEquals("p-anna", award.get(0).get("patronId").asText());
        assertEquals(90, award.get(0).get("verifiedMinutes").asInt());
        assertEquals(1, award.get(0).get("rank").asInt());
        assertEquals(
                rig.hub.analytics().verifiedTimeFromRaw("2026-Q1", 10),
                rig.hub.analytics().verifiedTime("2026-Q1", 10));
    }

    @Test
    void awards_verifiedTimeTies_breakByMoreDaysThenBySmallerPatronId() throws Exception {
        // Eve 90 min (the cap) in one day; Zoe 60 min over two days; Bea, Cai, Dan 60 min in one day each.
        sensedSitting("p-eve", "s2", D, "14:00", "15:30");
        sensedSitting("p-zoe", "s1", D, "09:00", "09:30");
        sensedSitting("p-zoe", "s1", "2026-03-12", "09:00", "09:30");
        sensedSitting("p-dan", "r1", D, "12:00", "13:00");
        sensedSitting("p-cai", "s1", D, "12:00", "13:00");
        sensedSitting("p-bea", "s2", D, "09:00", "10:00");
        rig.clock.set(at("2026-03-13", "08:00"));
        rig.hub.analytics().refresh();

        JsonNode rows = get("/api/analytics/awards/time?quarter=2026-Q1").get("rows");
        java.util.List<String> order = new java.util.ArrayList<>();
        rows.forEach(r -> order.add(r.get("patronId").asText()));
        assertEquals(java.util.List.of("p-eve", "p-zoe", "p-bea", "p-cai", "p-dan"), order);
        assertEquals(java.util.List.of(90, 60, 60, 60, 60), minutes(rows));
        assertEquals(2, rows.get(1).get("days").asInt());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(i + 1, rows.get(i).get("rank").asInt(), "a tie broken by the rule still gets its own rank");
        }
        assertEquals(
                rig.hub.analytics().verifiedTimeFromRaw("2026-Q1", 10),
                rig.hub.analytics().verifiedTime("2026-Q1", 10),
                "the rollup and the raw events agree on the order");
    }

    @Test
    void visits_perMonth_countEachMonthOfTheRange_emptyOnesIncluded() throws Exception {
        visits();
        rig.passage(at("2026-05-04", "09:00"), true, ANNA);
        rig.passage(at("2026-05-04", "12:00"), false, ANNA);
        rig.clock.set(at("2026-05-05", "08:00"));
        rig.hub.analytics().refresh();

        JsonNode rows = get("/api/analytics/visits?from=2026-03-01&to=2026-05-31&interval=month")
                .get("rows");
        assertEquals(3, rows.size());
        assertEquals("2026-03", rows.get(0).get("period").asText());
        assertEquals(4, rows.get(0).get("entries").asInt());
        assertEquals(2, rows.get(0).get("visitors").asInt(), "Anna and Ben, each counted once in the month");
        assertEquals("2026-04", rows.get(1).get("period").asText());
        assertEquals(0, rows.get(1).get("entries").asInt());
        assertEquals("2026-05", rows.get(2).get("period").asText());
        assertEquals(1, rows.get(2).get("visitors").asInt());
        assertEquals(1, rows.get(2).get("returningVisitors").asInt(), "Anna came in March too");
    }

    /** A patron of their own (card named after them) on a seat whose sensor sees them the whole time. */
    private void sensedSitting(String patron, String seat, String day, String from, String to) throws Exception {
        CredentialHash card = AnalyticsRig.card(patron);
        if (rig.count("SELECT count(*) FROM patrons WHERE id = '" + patron + "'") == 0) {
            rig.patron(patron, "postgraduate", "Science", card);
        }
        rig.seat(at(day, from), seat, SeatState.OCCUPIED, SeatState.FREE, card);
        rig.presence(at(day, from), seat + "-presence", true);
        rig.seat(at(day, to), seat, SeatState.FREE, SeatState.OCCUPIED, card);
        rig.presence(at(day, to), seat + "-presence", false);
    }

    private static java.util.List<Integer> minutes(JsonNode rows) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        rows.forEach(r -> out.add(r.get("verifiedMinutes").asInt()));
        return out;
    }

    @Test
    void energy_sumsMeterIncreasesWithResets_perZoneAndPerOccupiedSeatHour() throws Exception {
        seats();
        rig.energy(at(D, "08:00"), "s1-outlet", 1000);
        rig.energy(at(D, "12:00"), "s1-outlet", 1100);
        rig.energy(at(D, "13:00"), "s1-outlet", 5); // the plug restarted
        rig.energy(at(D, "14:00"), "s1-outlet", 25);
        rig.clock.set(at("2026-03-13", "08:00"));
        rig.hub.analytics().refresh();

        JsonNode reading = get("/api/analytics/energy" + RANGE).get("rows").get(0);
        assertEquals(125.0, reading.get("energyWh").asDouble());
        assertEquals(1.75, reading.get("meteredOccupiedSeatHours").asDouble()); // s1 only: s3 reports no energy
        assertEquals(71.43, reading.get("whPerOccupiedSeatHour").asDouble());
    }

    @Test
    void energyToday_sumsTodaysMeterIncreasesWithResets_beforeAnyRollup() throws Exception {
        rig.energy(at("2026-03-09", "20:00"), "s1-outlet", 900); // yesterday's last reading: today counts from it
        rig.energy(at(D, "08:00"), "s1-outlet", 1000);
        rig.energy(at(D, "12:00"), "s1-outlet", 1100);
        rig.energy(at(D, "13:00"), "s1-outlet", 5); // the plug restarted
        rig.energy(at(D, "14:00"), "s1-outlet", 25);
        rig.energy(at(D, "09:00"), "r1-outlet", 40);
        rig.energy(at(D, "10:00"), "r1-outlet", 40.5);

        // No refresh: the rollup has not run, and the figure is today's so far (the clock is at 23:30 on D).
        JsonNode today = get("/api/analytics/energy/today");
        assertEquals(D, today.get("date").asText());
        assertEquals(at(D, "00:00").toString(), today.get("since").asText());
        JsonNode rows = today.get("rows");
        assertEquals(2, rows.size(), rows.toString());
        assertEquals("reading", rows.get(0).get("zone").asText());
        assertEquals(225.0, rows.get(0).get("energyWh").asDouble()); // 100 + 100 + 5 (reset) + 20
        assertEquals("room-a", rows.get(1).get("zone").asText());
        assertEquals(0.5, rows.get(1).get("energyWh").asDouble());

        // The next day starts from nothing: yesterday's increases are not today's.
        rig.clock.set(at("2026-03-11", "08:00"));
        JsonNode next = get("/api/analytics/energy/today");
        assertEquals("2026-03-11", next.get("date").asText());
        assertEquals(0.0, next.get("rows").get(0).get("energyWh").asDouble());
    }

    @Test
    void retention_deletesExactlyTheRawEventsPastRetention_andTheAnswersStayTheSame() throws Exception {
        visits();
        seats();
        rig.energy(at(D, "08:00"), "s1-outlet", 1000);
        rig.energy(at(D, "12:00"), "s1-outlet", 1100);
        rig.clock.set(at("2026-03-13", "08:00"));
        rig.hub.analytics().refresh();
        String[] views = {
            "summary", "visits", "dwell", "peak-hours", "seats", "zones", "segments", "energy", "visits.csv"
        };
        Map<String, String> before = answers(views);
        long all = rig.count("SELECT count(*) FROM events");

        // 180 days (the default) after 10:00 on D: the events before 10:00 on D are past retention.
        Instant cutoff = at(D, "10:00");
        rig.clock.set(cutoff.plus(Duration.ofDays(180)));
        long past =
                rig.count("SELECT count(*) FROM events WHERE ts < ? AND type <> 'outlet_state'", cutoff.toEpochMilli());
        assertEquals(3, past); // Anna's entry, s1 occupied and its sensor; the events at 10:00 are not past
        var result = rig.hub.analytics().retain();
        assertEquals(past, result.eventsDeleted());
        assertEquals(
                0,
                rig.count(
                        "SELECT count(*) FROM events WHERE ts < ? AND type <> 'outlet_state'", cutoff.toEpochMilli()));
        assertEquals(all - past, rig.count("SELECT count(*) FROM events"));
        assertEquals(2, rig.count("SELECT count(*) FROM events WHERE ts = ?", cutoff.toEpochMilli())); // kept
        rig.hub.analytics().refresh();
        assertEquals(before, answers(views));

        // Long after: every raw gate and seat event is gone, outlet readings stay, the answers still hold.
        rig.clock.set(at("2026-03-13", "08:00").plus(Duration.ofDays(200)));
        rig.hub.analytics().retain();
        rig.hub.analytics().refresh();
        assertEquals(0, rig.count("SELECT count(*) FROM events WHERE type <> 'outlet_state'"));
        assertEquals(2, rig.count("SELECT count(*) FROM events WHERE type = 'outlet_state'"));
        assertEquals(before, answers(views));
        assertEquals(
                3, rig.count("SELECT count(*) FROM analytics_sealed_days WHERE day BETWEEN ? AND ?", D, "2026-03-12"));
    }

    private Map<String, String> answers(String[] views) throws Exception {
        Map<String, String> out = new java.util.TreeMap<>();
        for (String v : views) {
            HubHttp.Answer a = rig.http.get("/api/analytics/" + v + RANGE);
            assertEquals(200, a.status(), v + " -> " + a.text());
            out.put(v, a.text());
        }
        return out;
    }

    @Test
    void mobilePassEntries_countForThePatronWhosePseudonymTheyCarry() throws Exception {
        rig.close();
        byte[] secret = new byte[32];
        java.util.Arrays.fill(secret, (byte) 7);
        Path file = dir.resolve("site-secret");
        java.nio.file.Files.writeString(file, java.util.Base64.getEncoder().encodeToString(secret));
        java.nio.file.Files.setPosixFilePermissions(
                file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        rig = new AnalyticsRig(
                dir.resolve("with-access"),
                at(D, "23:30"),
                Map.of("carrel.site.id", "lib", "carrel.site.secret-file", file.toString()));
        rig.patron("p-cara", "faculty", "Law", AnalyticsRig.card("cara"));
        CredentialHash pass =
                dev.carrel.hub.patrons.SiteKey.of(secret).hash(dev.carrel.protocol.CredentialKind.QR_PASS, "p-p-cara");
        rig.passage(at(D, "09:00"), true, pass);
        rig.passage(at(D, "10:00"), false, pass);
        rig.clock.set(at("2026-03-13", "08:00"));
        rig.hub.analytics().refresh();

        JsonNode faculty =
                get("/api/analytics/segments" + RANGE + "&group=faculty").get("rows");
        assertEquals(1, faculty.size());
        assertEquals(1, faculty.get(0).get("visitors").asInt());
        assertEquals(60.0, faculty.get(0).get("averageDwellMinutes").asDouble());
    }

    @Test
    void patronData_exportsThenErasesThePatronsRows_andTheAnonymousTotalsStay() throws Exception {
        visits();
        seats();
        rig.clock.set(at("2026-03-13", "08:00"));
        rig.hub.analytics().refresh();
        var data = rig.hub.analytics().patronData();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + rig.database)) {
            c.createStatement().execute("PRAGMA busy_timeout=5000");
            assertTrue(
                    data.export(c, "p-anna").toString().contains("verified_ms=6000000"),
                    data.export(c, "p-anna").toString());
            data.erase(c, "p-anna");
        }
        assertEquals(0, rig.count("SELECT count(*) FROM analytics_visitor_days WHERE patron_id = 'p-anna'"));
        assertEquals(0, rig.count("SELECT count(*) FROM analytics_award_quarters WHERE patron_id = 'p-anna'"));
        assertEquals(0, rig.count("SELECT count(*) FROM analytics_first_visits WHERE visitor = ?", ANNA.hex()));
        assertEquals(
                0, get("/api/analytics/awards/time?quarter=2026-Q1").get("rows").size());
        assertEquals(
                3,
                get("/api/analytics/visits" + RANGE)
                        .get("rows")
                        .get(0)
                        .get("entries")
                        .asInt());
    }
}
