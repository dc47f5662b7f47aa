package dev.carrel.protocol;

import java.time.Instant;
import java.util.Optional;

/** An agent's health, published at QoS 0 every few seconds; losing one is harmless. */
public record Telemetry(
        Instant ts,
        long uptimeSeconds,
        long heapUsedBytes,
        long heapMaxBytes,
        Optional<Double> cpuTemperatureC,
        long outboxDepth,
        int readerFaults)
        implements Message {

    public Telemetry {
        Check.present("ts", ts);
        Check.range("uptimeSeconds", uptimeSeconds, 0, Long.MAX_VALUE);
        Check.range("heapUsedBytes", heapUsedBytes, 0, Long.MAX_VALUE);
        Check.range("heapMaxBytes", heapMaxBytes, 0, Long.MAX_VALUE);
        cpuTemperatureC = Check.optional("cpuTemperatureC", cpuTemperatureC);
        cpuTemperatureC.ifPresent(t -> Check.range("cpuTemperatureC", t, -40.0, 150.0));
        Check.range("outboxDepth", outboxDepth, 0, Long.MAX_VALUE);
        Check.range("readerFaults", readerFaults, 0, Integer.MAX_VALUE);
    }
}
