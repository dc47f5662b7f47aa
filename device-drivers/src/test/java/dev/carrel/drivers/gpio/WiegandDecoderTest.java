package dev.carrel.drivers.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WiegandDecoderTest {

    private static final long MS = 1_000_000L;
    private final WiegandDecoder decoder = new WiegandDecoder(Duration.ofMillis(25));

    /** Builds a valid frame: even parity, data, odd parity. */
    static String frame(int bits, int facility, int card) {
        int facilityBits = bits == 26 ? 8 : 16;
        String data = pad(Integer.toBinaryString(facility), facilityBits) + pad(Integer.toBinaryString(card), 16);
        String high = data.substring(0, data.length() / 2);
        String low = data.substring(data.length() / 2);
        int even = ones(high) % 2;
        int odd = (ones(low) + 1) % 2;
        return even + data + odd;
    }

    private static String pad(String s, int n) {
        return "0".repeat(n - s.length()) + s;
    }

    private static int ones(String s) {
        return (int) s.chars().filter(c -> c == '1').count();
    }

    private List<WiegandCard> feed(String bits, long startNanos) {
        List<WiegandCard> out = new ArrayList<>();
        long t = startNanos;
        for (char c : bits.toCharArray()) {
            decoder.bit(c == '1', t).ifPresent(out::add);
            t += 2 * MS;
        }
        decoder.flush(t + 30 * MS).ifPresent(out::add);
        return out;
    }

    @Test
    void decode_stackVector_matchesFacility90Card324() {
        assertEquals(WiegandReaderTest.FC90_CARD324, frame(26, 90, 324));
        assertEquals(List.of(new WiegandCard(26, 90, 324)), feed(WiegandReaderTest.FC90_CARD324, 0));
    }

    @Test
    void decode_34bitFrame_emitsSixteenBitFacility() {
        assertEquals(List.of(new WiegandCard(34, 4242, 65000)), feed(frame(34, 4242, 65000), 0));
    }

    @Test
    void decode_wrongLength_dropsAndCountsBits() {
        assertTrue(feed("1010101010", 0).isEmpty());
        assertEquals(1, decoder.framesDropped());
        assertEquals(10, decoder.bitsDropped());
    }

    @Test
    void bit_afterGap_finishesPreviousFrameFirst() {
        String f = frame(26, 1, 2);
        long t = 0;
        for (char c : f.toCharArray()) {
            decoder.bit(c == '1', t);
            t += 2 * MS;
        }
        Optional<WiegandCard> done = decoder.bit(true, t + 40 * MS);

        assertEquals(Optional.of(new WiegandCard(26, 1, 2)), done);
    }

    @Test
    void flush_beforeGapElapsed_keepsFrameOpen() {
        decoder.bit(true, 0);
        assertTrue(decoder.flush(10 * MS).isEmpty());
        assertEquals(0, decoder.framesDropped());
    }

    @Test
    void fuzz_randomBitsAndGaps_neverThrowsAndStillDecodesNextValidFrame() {
        long iterations = Long.getLong("carrel.fuzz.iterations", 2_000);
        Random random = new Random(0xCA77E1L);
        long t = 0;
        for (long i = 0; i < iterations; i++) {
            int n = random.nextInt(100);
            for (int b = 0; b < n; b++) {
                decoder.bit(random.nextBoolean(), t);
                t += random.nextInt(3) == 0 ? random.nextInt(60) * MS : MS;
            }
            decoder.flush(t + random.nextInt(60) * MS);
        }
        t += 100 * MS;
        List<WiegandCard> after = feed(frame(26, 200, 31337), t);

        assertEquals(List.of(new WiegandCard(26, 200, 31337)), after);
        assertTrue(decoder.framesDropped() > 0);
    }
}
