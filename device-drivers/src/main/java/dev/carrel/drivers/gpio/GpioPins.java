package dev.carrel.drivers.gpio;

import java.time.Duration;

/**
 * Where digital lines come from. Pins are BCM numbers. {@link Pi4jGpio} is the real one; tests use
 * it over Pi4J's mock platform.
 */
public interface GpioPins {

    /**
     * An output that starts at, and returns to on shutdown, {@code restHigh}: for an active-low
     * relay board the rest level is high, so the relay stays off while the agent restarts.
     */
    OutputLine output(String id, int pin, boolean restHigh);

    /** An input; Wiegand lines need {@code Duration.ZERO} debounce (STACK.md §2). */
    InputLine input(String id, int pin, Pull pull, Duration debounce);

    PwmLine pwm(String id, int pin, int frequencyHz);

    /** A device on an I2C bus, e.g. bus 1, address 0x20. */
    I2cDevice i2c(String id, int bus, int address);
}
