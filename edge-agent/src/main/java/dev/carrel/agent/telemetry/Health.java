package dev.carrel.agent.telemetry;

import dev.carrel.protocol.Telemetry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Reads the agent's health for {@code telemetry}: uptime, heap, the SoC temperature where the kernel
 * exposes it (Raspberry Pi OS: {@code /sys/class/thermal/thermal_zone0/temp}, millidegrees Celsius).
 */
public final class Health {
    private static final Path PI_THERMAL = Path.of("/sys/class/thermal/thermal_zone0/temp");
    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private final Clock clock;
    private final long startNanos = System.nanoTime();
    private final Path thermal;
    private final Path status = PROC_STATUS;
    private final LongSupplier outboxDepth;

    public Health(Clock clock, LongSupplier outboxDepth) {
        this(clock, PI_THERMAL, outboxDepth);
    }

    Health(Clock clock, Path thermal, LongSupplier outboxDepth) {
        this.clock = clock;
        this.thermal = thermal;
        this.outboxDepth = outboxDepth;
    }

    public Telemetry sample(int readerFaults) {
        return sample(readerFaults, Optional.empty());
    }

    /** A sample with the last measured broker round trip. */
    public Telemetry sample(int readerFaults, Optional<Long> brokerRttMillis) {
        Runtime rt = Runtime.getRuntime();
        return new Telemetry(
                clock.instant(),
                (System.nanoTime() - startNanos) / 1_000_000_000L,
                rt.totalMemory() - rt.freeMemory(),
                rt.maxMemory(),
                cpuTemperature(),
                outboxDepth.getAsLong(),
                readerFaults,
                residentBytes(status),
                brokerRttMillis);
    }

    /** VmRSS from {@code /proc/self/status} (Linux; in kB there). */
    static Optional<Long> residentBytes(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring(6).strip().split("\\s+")[0];
                    return Optional.of(Long.parseLong(kb) * 1024);
                }
            }
        } catch (IOException | NumberFormatException | SecurityException e) {
            // not Linux, or not readable: reported as absent
        }
        return Optional.empty();
    }

    Optional<Double> cpuTemperature() {
        try {
            String milli = Files.readString(thermal).strip();
            double celsius = Long.parseLong(milli) / 1000.0;
            return celsius >= -40 && celsius <= 150 ? Optional.of(celsius) : Optional.empty();
        } catch (IOException | NumberFormatException | SecurityException e) {
            return Optional.empty();
        }
    }
}
