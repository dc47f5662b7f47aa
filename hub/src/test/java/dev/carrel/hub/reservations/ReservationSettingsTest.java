package dev.carrel.hub.reservations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code carrel.reservations}: the shipped defaults, the documented example, and wrong values. */
class ReservationSettingsTest {

    private static ReservationSettings of(Map<String, String> values) {
        return ReservationSettings.from(
                Config.just(ConfigSources.create(values)).get("carrel.reservations"));
    }

    @Test
    void shippedApplicationYaml_saysWhatTheCodeDefaultsTo() {
        Config shipped = Config.just(ConfigSources.classpath("application.yaml"));
        assertEquals(ReservationSettings.DEFAULTS, ReservationSettings.from(shipped.get("carrel.reservations")));
        assertEquals(ReservationSettings.DEFAULTS, ReservationSettings.from(Config.empty()));
    }

    @Test
    void example_readsWithItsWalkUpZone() {
        Config example = Config.just(ConfigSources.file(Path.of("..", "docs", "examples", "hub.yaml")));
        ReservationSettings s = ReservationSettings.from(example.get("carrel.reservations"));
        assertEquals(BookingRules.DEFAULTS, s.defaults());
        assertTrue(s.rulesFor("quiet-room").walkUpOnly());
        assertEquals(PenaltyRules.EXAM_DEFAULTS, s.examPenalties());
    }

    @Test
    void zoneOverride_changesOnlyItsKeys() {
        ReservationSettings s = of(Map.of(
                "carrel.reservations.rules.check-in-grace", "20m",
                "carrel.reservations.zones.exam-prep.leave", "45m",
                "carrel.reservations.zones.exam-prep.meal-from", "12:00"));
        assertEquals(Duration.ofMinutes(20), s.defaults().checkInGrace());
        BookingRules examPrep = s.rulesFor("exam-prep");
        assertEquals(Duration.ofMinutes(20), examPrep.checkInGrace(), "a zone starts from the site's rules");
        assertEquals(Duration.ofMinutes(45), examPrep.leave());
        assertEquals(LocalTime.NOON, examPrep.meal().from());
        assertEquals(Duration.ofMinutes(30), s.rulesFor("elsewhere").leave());
    }

    @Test
    void roomCancelAhead_zeroTurnsTheRuleOff_andPeerReportsHaveTheirKeys() {
        ReservationSettings s = of(Map.of(
                "carrel.reservations.rules.room-cancel-ahead", "0",
                "carrel.reservations.zones.r1.room-cancel-ahead", "2h",
                "carrel.reservations.rules.peer-report-window", "10m",
                "carrel.reservations.peer-report-limit", "5"));
        assertEquals(Duration.ZERO, s.defaults().roomCancelAhead());
        assertEquals(Duration.ofHours(2), s.rulesFor("r1").roomCancelAhead());
        assertEquals(Duration.ofMinutes(10), s.rulesFor("r1").peerReportWindow());
        assertEquals(5, s.peerReportLimit());
        assertEquals(
                Duration.ofMinutes(60), ReservationSettings.DEFAULTS.defaults().roomCancelAhead());
        assertEquals(3, ReservationSettings.DEFAULTS.peerReportLimit());
    }

    @Test
    void wrongValues_nameTheirKey() {
        var time = assertThrows(
                IllegalArgumentException.class, () -> of(Map.of("carrel.reservations.rules.meal-from", "noon")));
        assertTrue(time.getMessage().contains("carrel.reservations.rules.meal-from"), time.getMessage());
        var group = assertThrows(
                IllegalArgumentException.class, () -> of(Map.of("carrel.reservations.zones.r1.room-min-group", "0")));
        assertTrue(group.getMessage().contains("carrel.reservations.zones.r1.room-min-group"), group.getMessage());
        var rooms = assertThrows(
                IllegalArgumentException.class, () -> of(Map.of("carrel.reservations.rules.room-max", "20m")));
        assertTrue(rooms.getMessage().contains("room-max"), rooms.getMessage());
        var ban = assertThrows(
                IllegalArgumentException.class, () -> of(Map.of("carrel.reservations.penalties.ban", "-1d")));
        assertTrue(ban.getMessage().contains("carrel.reservations.penalties.ban"), ban.getMessage());
        var limit = assertThrows(
                IllegalArgumentException.class, () -> of(Map.of("carrel.reservations.peer-report-limit", "0")));
        assertTrue(limit.getMessage().contains("carrel.reservations.peer-report-limit"), limit.getMessage());
        var ahead = assertThrows(
                IllegalArgumentException.class, () -> of(Map.of("carrel.reservations.rules.room-cancel-ahead", "-5m")));
        assertTrue(ahead.getMessage().contains("room-cancel-ahead"), ahead.getMessage());
    }
}
