package dev.carrel.drivers.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.drivers.Credential;
import dev.carrel.drivers.CredentialKind;
import dev.carrel.drivers.fake.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WiegandReaderTest {

    /** STACK.md §7 test vector: facility 90, card 324. */
    static final String FC90_CARD324 = "00101101000000001010001000";

    private final MockPi pi = new MockPi();
    private final ManualScheduler time = new ManualScheduler();
    private final List<Credential> read = new ArrayList<>();
    private final WiegandReader reader;

    WiegandReaderTest() {
        // Reader lines idle high; the driver only counts falling edges.
        var d0 = pi.gpio.input("w-d0", 5, Pull.UP, Duration.ZERO);
        var d1 = pi.gpio.input("w-d1", 6, Pull.UP, Duration.ZERO);
        pi.drive("w-d0", true);
        pi.drive("w-d1", true);
        reader = new WiegandReader("door-reader", d0, d1, time, WiegandReader.FRAME_GAP);
        reader.onCredential(read::add);
    }

    @AfterEach
    void shutdown() {
        pi.close();
    }

    private void send(String bits) {
        for (char c : bits.toCharArray()) {
            String line = c == '1' ? "w-d1" : "w-d0";
            pi.drive(line, false);
            pi.drive(line, true);
            time.advance(Duration.ofMillis(2));
        }
    }

    @Test
    void frame26_thenSilence_emitsFacilityAndCard() {
        send(FC90_CARD324);
        assertTrue(read.isEmpty(), "no credential before the line is quiet");

        time.advance(Duration.ofMillis(30));

        assertEquals(1, read.size());
        assertEquals(CredentialKind.WIEGAND, read.get(0).kind());
        assertEquals("90:324", read.get(0).value());
        assertEquals("door-reader", read.get(0).readerId());
    }

    @Test
    void frame26_badParity_isDroppedAndCounted() {
        send("1" + FC90_CARD324.substring(1));
        time.advance(Duration.ofMillis(30));

        assertTrue(read.isEmpty());
        assertEquals(1, reader.framesDropped());
    }

    @Test
    void twoFrames_separatedByGap_emitTwoCredentials() {
        send(FC90_CARD324);
        time.advance(Duration.ofMillis(100));
        send(FC90_CARD324);
        time.advance(Duration.ofMillis(30));

        assertEquals(2, read.size());
    }
}
