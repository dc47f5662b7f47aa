package dev.carrel.agent.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WatchdogTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final List<String> sent = new ArrayList<>();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void ping_whileTheTickRuns_tellsSystemdItIsAlive() {
        Watchdog w = new Watchdog(sent::add, clock, () -> NOW.minusSeconds(1), Duration.ofSeconds(10));
        w.ready();
        w.ping();
        assertEquals(List.of("READY=1", "WATCHDOG=1"), sent);
    }

    @Test
    void ping_whenTheTickIsStuck_staysSilentSoSystemdRestartsTheAgent() {
        Watchdog w = new Watchdog(sent::add, clock, () -> NOW.minusSeconds(30), Duration.ofSeconds(10));
        w.ping();
        assertEquals(List.of(), sent);
    }

    @Test
    void environment_withoutNotifySocket_meansNoWatchdog_andThePeriodIsHalfTheInterval() {
        assertEquals(Optional.empty(), Watchdog.fromEnvironment(Map.of(), clock, () -> NOW));
        assertEquals(Optional.of(Duration.ofSeconds(15)), Watchdog.period(Map.of("WATCHDOG_USEC", "30000000")));
        assertEquals(Optional.empty(), Watchdog.period(Map.of("WATCHDOG_USEC", "soon")));
        assertEquals(Optional.empty(), Watchdog.period(Map.of()));
    }
}
