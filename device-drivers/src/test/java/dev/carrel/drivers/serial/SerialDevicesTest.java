package dev.carrel.drivers.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.drivers.Backoff;
import dev.carrel.drivers.Credential;
import dev.carrel.drivers.CredentialKind;
import dev.carrel.drivers.Presence;
import dev.carrel.drivers.PresenceFilter;
import dev.carrel.drivers.fake.FakeSerialLink;
import dev.carrel.drivers.fake.FakeSerialPorts;
import dev.carrel.drivers.fake.ManualScheduler;
import dev.carrel.drivers.fake.RecordingFaultListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialDevicesTest {

    private final ManualScheduler time = new ManualScheduler();
    private final FakeSerialPorts ports = new FakeSerialPorts();
    private final RecordingFaultListener faults = new RecordingFaultListener();
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10));
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private SerialConnection connect(String id, String path, int baud, SerialConnection.Session s) {
        return new SerialConnection(id, new SerialConnection.Port(ports, path, baud), time, faults, backoff, s);
    }

    private Ld2410Radar radar(String path) {
        var filter = new PresenceFilter("radar", time, Duration.ZERO, Duration.ofSeconds(10));
        var radar = new Ld2410Radar("radar", filter, time, 150, s -> connect("radar", path, 256_000, s));
        open.add(radar);
        radar.start();
        return radar;
    }

    @Test
    void ld2410_frameOverLink_reportsPresentAtNearTarget() {
        FakeSerialLink link = ports.plug("/dev/ttyAMA0");
        Ld2410Radar radar = radar("/dev/ttyAMA0");

        link.inject(Arrays.copyOf(Ld2410ParserTest.BASIC, 9));
        link.inject(Arrays.copyOfRange(Ld2410ParserTest.BASIC, 9, 23));

        Await.until("present", () -> radar.presence() == Presence.PRESENT);
        assertEquals(List.of("/dev/ttyAMA0@256000"), ports.opened());
    }

    @Test
    void ld2410_targetBeyondMaxDistance_isAbsent() {
        FakeSerialLink link = ports.plug("/dev/ttyAMA0");
        Ld2410Radar radar = radar("/dev/ttyAMA0");

        link.inject(Ld2410ParserTest.frame(2, 0, 0, 400, 60)); // the next desk, 4 m away

        Await.until("a report", () -> radar.lastReport().isPresent());
        Await.until("absent", () -> radar.presence() == Presence.ABSENT);
    }

    @Test
    void ld2410_unplugged_faultsThenRecoversWhenPluggedBack() {
        ports.plug("/dev/ttyUSB0");
        Ld2410Radar radar = radar("/dev/ttyUSB0");

        ports.unplug("/dev/ttyUSB0");
        Await.until("fault", () -> radar.fault().isPresent());
        time.advance(Duration.ofSeconds(1)); // retry fails: nothing plugged in
        assertTrue(radar.fault().isPresent());

        FakeSerialLink again = ports.plug("/dev/ttyUSB0");
        time.advance(Duration.ofSeconds(2));
        again.inject(Ld2410ParserTest.BASIC);

        Await.until("present after replug", () -> radar.presence() == Presence.PRESENT);
        assertTrue(radar.fault().isEmpty());
        assertEquals(List.of("radar"), faults.recoveries());
    }

    @Test
    void ld2410_silentRadar_becomesUnknownAndPortIsReset() {
        FakeSerialLink link = ports.plug("/dev/ttyAMA0");
        Ld2410Radar radar = radar("/dev/ttyAMA0");
        link.inject(Ld2410ParserTest.BASIC);
        Await.until("present", () -> radar.presence() == Presence.PRESENT);

        time.advance(Ld2410Radar.SILENCE);

        assertEquals(Presence.UNKNOWN, radar.presence());
        assertTrue(radar.fault().isPresent());
    }

    @Test
    void pn532_wakesConfiguresPollsAndReportsCardOnce() {
        FakeSerialLink link = ports.plug("/dev/ttyS0");
        byte[] card = Pn532ParserTest.response(0x4B, HexFormat.of().parseHex("0101000408" + "07" + "04A1B2C3D4E5F6"));
        link.onWrite(w -> {
            if (Arrays.equals(w, Pn532Reader.LIST_TARGET)) {
                link.inject(Pn532ParserTest.ACK);
                link.inject(card);
            }
        });
        List<Credential> read = new CopyOnWriteArrayList<>();
        var reader = new Pn532Reader(
                "desk-reader",
                time,
                Duration.ofMillis(250),
                Duration.ofSeconds(5),
                s -> connect("desk-reader", "/dev/ttyS0", 115_200, s));
        open.add(reader);
        reader.onCredential(read::add);
        reader.start();

        byte[] start = Arrays.copyOf(link.written(), Pn532Reader.WAKE_UP.length);
        assertArrayEquals(Pn532Reader.WAKE_UP, start);
        time.advance(Duration.ofMillis(250));
        Await.until("a card", () -> !read.isEmpty());
        for (int i = 0; i < 4; i++) { // card stays on the reader
            time.advance(Duration.ofMillis(250));
        }

        assertEquals(1, read.size());
        assertEquals(CredentialKind.CARD_UID, read.get(0).kind());
        assertEquals("04A1B2C3D4E5F6", read.get(0).value());
    }

    @Test
    void pn532_silent_isResetAfterThreeUnansweredPolls() {
        ports.plug("/dev/ttyS0");
        var reader = new Pn532Reader(
                "r", time, Duration.ofMillis(250), Duration.ofSeconds(5), s -> connect("r", "/dev/ttyS0", 115_200, s));
        open.add(reader);
        reader.start();

        for (int i = 0; i < 4; i++) {
            time.advance(Duration.ofMillis(250));
        }

        assertTrue(reader.fault().isPresent());
        assertTrue(
                reader.fault().get().reason().contains("did not answer"),
                reader.fault().get().reason());
    }

    @Test
    void lineReader_faceTerminal_emitsPatronIdAsFace() {
        FakeSerialLink link = ports.plug("/dev/ttyUSB1");
        List<Credential> read = new CopyOnWriteArrayList<>();
        var reader = new LineCredentialReader(
                "face",
                CredentialKind.FACE,
                new LineFraming("", "", Optional.of(java.util.regex.Pattern.compile("ID:(\\d+)")), 64),
                time,
                s -> connect("face", "/dev/ttyUSB1", 9600, s));
        open.add(reader);
        reader.onCredential(read::add);
        reader.start();

        link.inject("ID:2023".getBytes(StandardCharsets.US_ASCII));
        link.inject("0042\r\n".getBytes(StandardCharsets.US_ASCII));

        Await.until("a face id", () -> !read.isEmpty());
        assertEquals(new Credential(CredentialKind.FACE, "20230042", "face", time.now()), read.get(0));
    }

    @Test
    void lineReader_portMissingAtStart_faultsAndKeepsRetrying() {
        var reader = new LineCredentialReader(
                "qr", CredentialKind.QR, LineFraming.DEFAULT, time, s -> connect("qr", "/dev/ttyACM0", 9600, s));
        open.add(reader);
        reader.start();
        time.advance(Duration.ofSeconds(1));
        time.advance(Duration.ofSeconds(2));

        assertEquals(3, faults.faults().size());
        assertEquals(Duration.ofSeconds(4), reader.fault().orElseThrow().retryIn());
    }
}
