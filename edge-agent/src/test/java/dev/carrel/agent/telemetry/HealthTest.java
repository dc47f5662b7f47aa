package dev.carrel.agent.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SoC temperature read from a file shaped like {@code /sys/class/thermal/thermal_zone0/temp}. */
class HealthTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void cpuTemperature_millidegreesInFile_areDegreesCelsius() throws IOException {
        Path thermal = Files.writeString(dir.resolve("temp"), "48312\n");

        assertEquals(Optional.of(48.312), health(thermal).cpuTemperature());
    }

    @Test
    void cpuTemperature_absentFile_isEmpty() {
        assertEquals(Optional.empty(), health(dir.resolve("no-such-zone")).cpuTemperature());
    }

    @Test
    void cpuTemperature_garbageInFile_isEmpty() throws IOException {
        Path thermal = Files.writeString(dir.resolve("temp"), "hot\n");

        assertEquals(Optional.empty(), health(thermal).cpuTemperature());
    }

    @Test
    void cpuTemperature_implausibleValue_isEmpty() throws IOException {
        Path thermal = Files.writeString(dir.resolve("temp"), "999000");

        assertEquals(Optional.empty(), health(thermal).cpuTemperature());
    }

    @Test
    void sample_carriesTemperatureOutboxDepthAndReaderFaults() throws IOException {
        Path thermal = Files.writeString(dir.resolve("temp"), "51000");

        var telemetry = new Health(CLOCK, thermal, () -> 7).sample(2);

        assertEquals(CLOCK.instant(), telemetry.ts());
        assertEquals(Optional.of(51.0), telemetry.cpuTemperatureC());
        assertEquals(7, telemetry.outboxDepth());
        assertEquals(2, telemetry.readerFaults());
    }

    private static Health health(Path thermal) {
        return new Health(CLOCK, thermal, () -> 0);
    }

    @Test
    void residentBytes_readsVmRssInKilobytes_andIsEmptyWithoutIt() throws Exception {
        java.nio.file.Path status = java.nio.file.Files.createTempFile("status", "");
        java.nio.file.Files.writeString(status, "Name:\tjava\nVmPeak:\t  900000 kB\nVmRSS:\t   71680 kB\n");
        org.junit.jupiter.api.Assertions.assertEquals(
                java.util.Optional.of(71680L * 1024), Health.residentBytes(status));
        java.nio.file.Files.writeString(status, "Name:\tjava\n");
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Optional.empty(), Health.residentBytes(status));
        java.nio.file.Files.delete(status);
    }
}
