package dev.carrel.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.carrel.drivers.fake.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PresenceFilterTest {

    private final ManualScheduler time = new ManualScheduler();
    private final PresenceFilter filter =
            new PresenceFilter("seat-1-pir", time, Duration.ofSeconds(2), Duration.ofSeconds(60));
    private final List<Presence> seen = new ArrayList<>();

    PresenceFilterTest() {
        filter.onChange(c -> seen.add(c.presence()));
    }

    @Test
    void raw_presentShorterThanDebounce_staysUnknown() {
        filter.raw(true);
        time.advance(Duration.ofMillis(1500));
        filter.raw(false);
        time.advance(Duration.ofSeconds(5));

        assertEquals(List.of(Presence.ABSENT), seen);
    }

    @Test
    void raw_presentLongerThanDebounce_reportsPresentOnce() {
        filter.raw(true);
        time.advance(Duration.ofSeconds(3));
        filter.raw(true);

        assertEquals(List.of(Presence.PRESENT), seen);
        assertEquals(Presence.PRESENT, filter.presence());
    }

    @Test
    void raw_absentWithinHold_keepsPresent() {
        filter.raw(true);
        time.advance(Duration.ofSeconds(3));
        filter.raw(false);
        time.advance(Duration.ofSeconds(59));
        filter.raw(true);
        time.advance(Duration.ofSeconds(120));

        assertEquals(List.of(Presence.PRESENT), seen);
    }

    @Test
    void raw_absentLongerThanHold_reportsAbsent() {
        filter.raw(true);
        time.advance(Duration.ofSeconds(3));
        filter.raw(false);
        time.advance(Duration.ofSeconds(61));

        assertEquals(List.of(Presence.PRESENT, Presence.ABSENT), seen);
    }

    @Test
    void unknown_afterPresent_reportsUnknownAndForgetsRaw() {
        filter.raw(true);
        time.advance(Duration.ofSeconds(3));
        filter.unknown();

        assertEquals(List.of(Presence.PRESENT, Presence.UNKNOWN), seen);
        assertEquals(Presence.UNKNOWN, filter.presence());
    }

    @Test
    void emit_listenerThrows_otherListenersStillCalled() {
        PresenceFilter f = new PresenceFilter("s", time, Duration.ZERO, Duration.ZERO);
        List<Presence> second = new ArrayList<>();
        f.onChange(c -> {
            throw new IllegalStateException("bad listener");
        });
        f.onChange(c -> second.add(c.presence()));

        f.raw(true);

        assertEquals(List.of(Presence.PRESENT), second);
    }
}
