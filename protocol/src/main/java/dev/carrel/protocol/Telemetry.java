package dev.carrel.protocol;

import java.time.Instant;
import java.util.Optional;

/**
 * An agent's health, published at QoS 0 every few seconds; losing one is harmless. Resident memory and the
 * broker round trip are absent where they cannot be measured.
 */
public record Telemetry(
        Instant ts,
        long uptimeSeconds,
        long heapUsedBytes,
        long heapMaxBytes,
        Optional<Double> cpuTemperatureC,
        long outboxDepth,
        int readerFaults,
        Optional<Long> residentBytes,
        Optional<Long> brokerRttMillis)
        implements Message {

    /** Without resident memory and round trip. */
    public Telemetry(
            Instant ts,
            long uptimeSeconds,
            long heapUsedBytes,
            long heapMaxBytes,
            Optional<Double> cpuTemperatureC,
            long outboxDepth,
            int readerFaults) {
        this(
                ts,
                uptimeSeconds,
                heapUsedBytes,
                heapMaxBytes,
                cpuTemperatureC,
                outboxDepth,
                readerFaults,
                Optional.empty(),
                Optional.empty());
    }

    public Telemetry {
        Check.present("ts", ts);
        Check.range("uptimeSeconds", uptimeSeconds, 0, Long.MAX_VALUE);
        Check.range("heapUsedBytes", heapUsedBytes, 0, Long.MAX_VALUE);
        Check.range("heapMaxBytes", heapMaxBytes, 0, Long.MAX_VALUE);
        cpuTemperatureC = Check.optional("cpuTemperatureC", cpuTemperatureC);
        cpuTemperatureC.ifPresent(t -> Check.range("cpuTemperatureC", t, -40.0, 150.0));
        Check.range("outboxDepth", outboxDepth, 0, Long.MAX_VALUE);
        Check.range("readerFaults", readerFaults, 0, Integer.MAX_VALUE);
        residentBytes = Check.optional("residentBytes", residentBytes);
        residentBytes.ifPresent(r -> Check.range("residentBytes", r, 0, Long.MAX_VALUE));
        brokerRttMillis = Check.optional("brokerRttMillis", brokerRttMillis);
        brokerRttMillis.ifPresent(r -> Check.range("brokerRttMillis", r, 0, 600_000));
    }
}
