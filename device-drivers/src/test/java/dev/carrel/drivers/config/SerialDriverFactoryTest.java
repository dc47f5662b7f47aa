package dev.carrel.drivers.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.drivers.Credential;
import dev.carrel.drivers.CredentialReader;
import dev.carrel.drivers.FaultListener;
import dev.carrel.drivers.Hardware;
import dev.carrel.drivers.PresenceSensor;
import dev.carrel.drivers.fake.FakeSerialLink;
import dev.carrel.drivers.fake.FakeSerialPorts;
import dev.carrel.drivers.fake.ManualScheduler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SerialDriverFactoryTest {

    private final FakeSerialPorts ports = new FakeSerialPorts();
    private final DriverFactory factory =
            new DriverFactory(Hardware.none().withSerial(ports), new ManualScheduler(), FaultListener.ignoring());

    @Test
    void create_serialLineWithStxEtxEscapes_readsFramedIds() {
        FakeSerialLink link = ports.plug("/dev/ttyUSB0");
        try (CredentialReader reader = factory.create(
                new EndpointSpec(
                        "gate-qr",
                        "serial-line",
                        Map.of("port", "/dev/ttyUSB0", "prefix", "\\x02", "suffix", "\\x03", "kind", "qr")),
                CredentialReader.class)) {
            List<Credential> read = new CopyOnWriteArrayList<>();
            reader.onCredential(read::add);

            link.inject("\u0002TICKET-9\u0003".getBytes(StandardCharsets.US_ASCII));

            long deadline = System.nanoTime() + 5_000_000_000L;
            while (read.isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals("TICKET-9", read.get(0).value());
        }
    }

    @Test
    void create_ld2410_opensAt256000ByDefault() {
        ports.plug("/dev/ttyAMA0");
        try (PresenceSensor radar = factory.create(
                new EndpointSpec("seat-4-radar", "ld2410", Map.of("port", "/dev/ttyAMA0")), PresenceSensor.class)) {
            assertEquals(List.of("/dev/ttyAMA0@256000"), ports.opened());
            assertTrue(radar.fault().isEmpty());
        }
    }

    @Test
    void create_badPattern_namesKey() {
        var e = assertThrows(
                EndpointConfigException.class,
                () -> factory.create(
                        new EndpointSpec("face", "serial-line", Map.of("port", "/dev/x", "pattern", "("))));

        assertEquals("pattern", e.key());
    }

    @Test
    void create_unknownKind_listsAllowedKinds() {
        var e = assertThrows(
                EndpointConfigException.class,
                () -> factory.create(
                        new EndpointSpec("face", "serial-line", Map.of("port", "/dev/x", "kind", "iris"))));

        assertTrue(e.getMessage().contains("face") && e.getMessage().contains("card-uid"), e.getMessage());
    }

    @Test
    void create_pn532WithoutPort_namesPortKey() {
        var e = assertThrows(
                EndpointConfigException.class, () -> factory.create(new EndpointSpec("desk", "pn532", Map.of())));

        assertEquals("port", e.key());
    }
}
