package dev.carrel.drivers.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.drivers.GateState;
import dev.carrel.drivers.fake.ManualScheduler;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RelayGateTest {

    private final MockPi pi = new MockPi();
    private final ManualScheduler time = new ManualScheduler();
    private final RelayGate gate = new RelayGate(
            "gate",
            new Relay(pi.gpio.output("gate", 22, false), false),
            time,
            new RelayGate.Timing(Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(5)));

    @AfterEach
    void shutdown() {
        pi.close();
    }

    @Test
    void pulse_opensThenClosesAfterPulseLength() {
        gate.pulse();
        assertTrue(pi.outputHigh("gate"));
        assertEquals(GateState.OPEN, gate.state());

        time.advance(Duration.ofSeconds(3));

        assertFalse(pi.outputHigh("gate"));
        assertEquals(GateState.CLOSED, gate.state());
    }

    @Test
    void pulse_longerThanMax_isCapped() {
        gate.pulse(Duration.ofMinutes(10));
        time.advance(Duration.ofSeconds(10));

        assertFalse(pi.outputHigh("gate"));
    }

    @Test
    void stuckCommand_repeatedPulses_cannotHoldOpenPastMaxAndLocksOut() {
        for (int i = 0; i < 12; i++) { // a command repeated every second for 12 s
            gate.pulse();
            time.advance(Duration.ofSeconds(1));
        }

        assertFalse(pi.outputHigh("gate"));
        assertEquals(GateState.LOCKED_OUT, gate.state());

        gate.pulse();
        assertFalse(pi.outputHigh("gate"), "pulses during the lock-out are ignored");

        time.advance(Duration.ofSeconds(3));
        assertEquals(GateState.CLOSED, gate.state());
        gate.pulse();
        assertTrue(pi.outputHigh("gate"));
    }
}
