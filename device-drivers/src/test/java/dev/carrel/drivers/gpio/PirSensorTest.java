package dev.carrel.drivers.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.carrel.drivers.Presence;
import dev.carrel.drivers.PresenceFilter;
import dev.carrel.drivers.fake.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PirSensorTest {

    private final MockPi pi = new MockPi();
    private final ManualScheduler time = new ManualScheduler();
    private final List<Presence> seen = new ArrayList<>();

    @AfterEach
    void shutdown() {
        pi.close();
    }

    private PirSensor pir(boolean activeLow) {
        var line = pi.gpio.input("pir", 4, Pull.DOWN, Duration.ZERO);
        pi.drive("pir", activeLow); // the sensor's idle level, before the driver starts
        var filter = new PresenceFilter("pir", time, Duration.ofSeconds(1), Duration.ofSeconds(30));
        var sensor = new PirSensor("pir", line, activeLow, filter);
        sensor.onChange(c -> seen.add(c.presence()));
        return sensor;
    }

    @Test
    void motion_heldPastDebounce_reportsPresent() {
        PirSensor sensor = pir(false);

        pi.drive("pir", true);
        time.advance(Duration.ofSeconds(2));

        assertEquals(Presence.PRESENT, sensor.presence());
        assertEquals(List.of(Presence.PRESENT), seen);
    }

    @Test
    void motionStops_shorterThanHold_staysPresent_longerReportsAbsent() {
        PirSensor sensor = pir(false);
        pi.drive("pir", true);
        time.advance(Duration.ofSeconds(2));

        pi.drive("pir", false);
        time.advance(Duration.ofSeconds(20));
        assertEquals(Presence.PRESENT, sensor.presence());

        time.advance(Duration.ofSeconds(11));
        assertEquals(Presence.ABSENT, sensor.presence());
    }

    @Test
    void activeLowSensor_lowLevel_meansMotion() {
        PirSensor sensor = pir(true);

        assertEquals(Presence.ABSENT, sensor.presence());
        pi.drive("pir", false);
        time.advance(Duration.ofSeconds(2));

        assertEquals(Presence.PRESENT, sensor.presence());
    }
}
