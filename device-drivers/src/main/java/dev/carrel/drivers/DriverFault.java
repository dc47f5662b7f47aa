package dev.carrel.drivers;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A device that is not working: why, since when, and when the driver will try again.
 *
 * @param deviceId the endpoint id
 * @param reason a short operator-readable reason, e.g. {@code "serial port /dev/ttyUSB0 closed"}
 * @param at when the fault was seen
 * @param attempt how many consecutive attempts have failed (1 for the first)
 * @param retryIn the back-off before the next attempt; zero when the driver does not retry
 */
public record DriverFault(String deviceId, String reason, Instant at, int attempt, Duration retryIn) {

    public DriverFault {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(retryIn, "retryIn");
    }
}
