package dev.carrel.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClosingScheduleTest {
    private static final Instant WARN = Instant.parse("2026-11-23T21:45:00Z");
    private static final Instant CLOSE = Instant.parse("2026-11-23T22:00:00Z");
    private final ClosingSchedule schedule = ClosingSchedule.from(
            Map.of("closings", List.of(Map.of("warnAt", WARN.toString(), "closeAt", CLOSE.toString()))));

    @Test
    void due_warnsThenCloses_eachOnceAsTimePasses() {
        assertEquals(new ClosingSchedule.Due(false, false), schedule.due(WARN.minusSeconds(2), WARN.minusSeconds(1)));
        assertEquals(new ClosingSchedule.Due(true, false), schedule.due(WARN.minusSeconds(1), WARN));
        assertEquals(new ClosingSchedule.Due(false, false), schedule.due(WARN, WARN.plusSeconds(1)));
        assertEquals(new ClosingSchedule.Due(false, true), schedule.due(CLOSE.minusSeconds(1), CLOSE));
    }

    @Test
    void due_longAfterTheClosing_doesNothing_soARestartNextMorningKeepsTheLightsOn() {
        assertEquals(
                new ClosingSchedule.Due(false, false),
                schedule.due(Instant.parse("2026-11-23T20:00:00Z"), Instant.parse("2026-11-24T08:00:00Z")));
    }

    @Test
    void from_skipsMalformedClosings_andKeepsTheGoodOnes() {
        ClosingSchedule mixed = ClosingSchedule.from(Map.of(
                "closings",
                List.of(
                        Map.of("warnAt", "yesterday", "closeAt", CLOSE.toString()),
                        Map.of("warnAt", CLOSE.toString(), "closeAt", WARN.toString()),
                        "nonsense",
                        Map.of("warnAt", WARN.toString(), "closeAt", CLOSE.toString()))));
        assertEquals(1, mixed.closings().size());
        assertEquals(ClosingSchedule.NONE, ClosingSchedule.from("not a map"));
    }
}
