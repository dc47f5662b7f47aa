package dev.carrel.drivers.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.carrel.drivers.Signal;
import dev.carrel.drivers.fake.ManualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LineIndicatorTest {

    private final MockPi pi = new MockPi();
    private final ManualScheduler time = new ManualScheduler();
    private final LineIndicator led = new LineIndicator(
            "led",
            new Relay(pi.gpio.output("g", 23, true), true),
            new Relay(pi.gpio.output("r", 24, true), true),
            Optional.of(new Relay(pi.gpio.output("b", 25, true), true)),
            time);

    @AfterEach
    void shutdown() {
        pi.close();
    }

    @Test
    void accept_greenWithBeepThenAllOff() {
        led.show(Signal.ACCEPT);
        assertEquals(List.of(true, false, true), led.lines());
        assertEquals(false, pi.outputHigh("g"), "active-low LED is lit by a low level");

        time.advance(Duration.ofMillis(200));
        assertEquals(List.of(true, false, false), led.lines());

        time.advance(Duration.ofSeconds(1));
        assertEquals(List.of(false, false, false), led.lines());
    }

    @Test
    void attention_alternatesUntilReplacedByDeny() {
        led.show(Signal.ATTENTION);
        assertEquals(List.of(false, true, false), led.lines());
        time.advance(Duration.ofMillis(500));
        assertEquals(List.of(true, false, false), led.lines());
        time.advance(Duration.ofMillis(5000));

        led.show(Signal.DENY);
        time.advance(Duration.ofSeconds(2));

        assertEquals(List.of(false, false, false), led.lines());
        assertEquals(0, time.pendingTasks());
    }
}
