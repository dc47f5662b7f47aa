package dev.carrel.drivers.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.carrel.drivers.Backoff;
import dev.carrel.drivers.FaultListener;
import dev.carrel.drivers.Presence;
import dev.carrel.drivers.PresenceFilter;
import dev.carrel.drivers.SystemScheduler;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LD2410 driver over jSerialComm and a real pseudo-terminal pair made by socat (STACK.md §6). */
class SocatSerialTest {

    private static boolean socatOnPath() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "socat"))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void ld2410_overPtyPairAt256000Baud_reportsPresent(@TempDir Path dir) throws Exception {
        assumeTrue(socatOnPath(), "socat not installed");
        Path a = dir.resolve("ttyA");
        Path b = dir.resolve("ttyB");
        Process socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true)
                .start();
        try (SystemScheduler scheduler = new SystemScheduler()) {
            Await.until("socat ptys", () -> Files.exists(a) && Files.exists(b));
            JSerialCommPorts ports = new JSerialCommPorts();
            var filter = new PresenceFilter("radar", scheduler, Duration.ZERO, Duration.ofSeconds(30));
            try (var radar = new Ld2410Radar(
                            "radar",
                            filter,
                            scheduler,
                            600,
                            s -> new SerialConnection(
                                    "radar",
                                    new SerialConnection.Port(ports, a.toString(), 256_000),
                                    scheduler,
                                    FaultListener.ignoring(),
                                    Backoff.DEFAULT,
                                    s));
                    SerialLink device = ports.open(b.toString(), 256_000)) {
                radar.start();
                Await.until("port open", () -> radar.fault().isEmpty());
                device.output().write(Ld2410ParserTest.BASIC);
                device.output().flush();

                Await.until("present", () -> radar.presence() == Presence.PRESENT);
                assertEquals(30, radar.lastReport().orElseThrow().movingDistanceCm());
            }
        } finally {
            socat.destroy();
            socat.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
