package dev.carrel.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClosingScheduleTest {
    /** The hub's twin section for building "main": 08:00-22:00 on weekdays, a holiday closing early. */
    private static final Map<String, Object> SECTION = Map.of(
            "weekly",
            Map.of(
                    "mon",
                    "08:00-22:00",
                    "tue",
                    "08:00-22:00",
                    "wed",
                    "08:00-22:00",
                    "thu",
                    "08:00-22:00",
                    "fri",
                    "08:00-22:00",
                    "sat",
                    "closed",
                    "sun",
                    "closed"),
            "exceptions",
            List.of(
                    Map.of("from", "2026-12-21", "to", "2026-12-31", "kind", "holiday", "hours", "09:00-17:00"),
                    Map.of("from", "2026-12-24", "to", "2026-12-24", "kind", "holiday", "hours", "09:00-16:00"),
                    Map.of("from", "2026-12-25", "to", "2026-12-25", "kind", "holiday", "closed", true)),
            "actions",
            Map.of(
                    "warnMinutesBeforeClose", 15,
                    "beforeClosing", List.of("warning_blink"),
                    "atClosing", List.of("release_seats", "lamps_off")),
            "timezone",
            "Asia/Shanghai");

    private final ClosingSchedule schedule = ClosingSchedule.from(Map.of("main", SECTION));

    @Test
    void aRegularMonday_warnsAtAQuarterToTen_thenClosesAtTenLocalTime() {
        Instant close = Instant.parse("2026-11-23T14:00:00Z"); // 22:00 in Shanghai
        Instant warn = close.minusSeconds(15 * 60);
        assertEquals(new ClosingSchedule.Due(false, false), schedule.due(warn.minusSeconds(2), warn.minusSeconds(1)));
        assertEquals(new ClosingSchedule.Due(true, false), schedule.due(warn.minusSeconds(1), warn));
        assertEquals(new ClosingSchedule.Due(false, false), schedule.due(warn, warn.plusSeconds(1)));
        assertEquals(new ClosingSchedule.Due(false, true), schedule.due(close.minusSeconds(1), close));
    }

    @Test
    void aSingleDayException_winsOverTheRange_andAClosedDayHasNoClosing() {
        ClosingSchedule.Building main = schedule.buildings().getFirst();
        assertEquals(
                Optional.of(Instant.parse("2026-12-24T08:00:00Z")),
                ClosingSchedule.closing(main, LocalDate.parse("2026-12-24")));
        assertEquals(
                Optional.of(Instant.parse("2026-12-23T09:00:00Z")),
                ClosingSchedule.closing(main, LocalDate.parse("2026-12-23")));
        assertEquals(Optional.empty(), ClosingSchedule.closing(main, LocalDate.parse("2026-12-25")));
        assertEquals(Optional.empty(), ClosingSchedule.closing(main, LocalDate.parse("2026-11-28")), "Saturday");
    }

    @Test
    void due_longAfterTheClosing_doesNothing_soARestartNextMorningKeepsTheLightsOn() {
        assertEquals(
                new ClosingSchedule.Due(false, false),
                schedule.due(Instant.parse("2026-11-23T13:00:00Z"), Instant.parse("2026-11-24T01:00:00Z")));
    }

    @Test
    void from_skipsAnUnreadableBuilding_andKeepsTheGoodOnes() {
        ClosingSchedule mixed = ClosingSchedule.from(Map.of("main", SECTION, "annex", Map.of("weekly", "nonsense")));
        assertEquals(1, mixed.buildings().size());
        assertEquals(ClosingSchedule.NONE, ClosingSchedule.from("not a map"));
    }
}
