package dev.carrel.drivers.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Ld2410ParserTest {

    /** STACK.md §7: moving target at 30 cm, energy 100; detection distance 30 cm. */
    static final byte[] BASIC =
            HexFormat.ofDelimiter(" ").parseHex("F4 F3 F2 F1 0D 00 02 AA 01 1E 00 64 00 00 00 1E 00 55 00 F8 F7 F6 F5");

    private final List<RadarReport> reports = new ArrayList<>();
    private final Ld2410Parser parser = new Ld2410Parser(reports::add);

    static byte[] frame(int state, int moveCm, int moveEnergy, int stillCm, int stillEnergy) {
        byte[] f = BASIC.clone();
        f[8] = (byte) state;
        f[9] = (byte) moveCm;
        f[10] = (byte) (moveCm >> 8);
        f[11] = (byte) moveEnergy;
        f[12] = (byte) stillCm;
        f[13] = (byte) (stillCm >> 8);
        f[14] = (byte) stillEnergy;
        return f;
    }

    @Test
    void decode_stackExampleFrame_emitsMovingTargetAt30cm() {
        parser.feed(BASIC);

        assertEquals(List.of(new RadarReport(TargetState.MOVING, 30, 100, 0, 0, 30)), reports);
        assertEquals(0, parser.bytesDropped());
    }

    @Test
    void decode_frameSplitAcrossReads_emitsOneTarget() {
        parser.feed(BASIC, 0, 5);
        parser.feed(BASIC, 5, 10);
        assertTrue(reports.isEmpty());
        parser.feed(BASIC, 15, BASIC.length - 15);

        assertEquals(1, reports.size());
    }

    @Test
    void decode_garbageBeforeFrame_resyncsAndCountsDropped() {
        parser.feed(new byte[] {0x01, (byte) 0xF4, (byte) 0xF3, 0x00, 0x42});
        parser.feed(frame(2, 0, 0, 512, 40));

        assertEquals(List.of(new RadarReport(TargetState.STATIONARY, 0, 0, 512, 40, 30)), reports);
        assertEquals(5, parser.bytesDropped());
    }

    @Test
    void decode_truncatedFrameFollowedByFrame_findsTheSecond() {
        parser.feed(java.util.Arrays.copyOf(BASIC, 12));
        parser.feed(BASIC);

        assertEquals(1, reports.size());
        assertEquals(12, parser.bytesDropped());
    }

    @Test
    void decode_oversizedLength_dropsHeaderAndResyncs() {
        byte[] bad = BASIC.clone();
        bad[4] = (byte) 0xFF;
        bad[5] = 0x7F;
        parser.feed(bad);
        parser.feed(BASIC);

        assertEquals(1, reports.size());
    }

    @Test
    void decode_ackFrame_isCountedNotReported() {
        parser.feed(HexFormat.ofDelimiter(" ").parseHex("FD FC FB FA 04 00 FF 01 00 00 04 03 02 01"));
        parser.feed(BASIC);

        assertEquals(1, parser.acks());
        assertEquals(1, reports.size());
    }

    @Test
    void decode_badStateByte_isDropped() {
        parser.feed(frame(9, 30, 10, 0, 0));

        assertTrue(reports.isEmpty());
        assertEquals(BASIC.length, parser.bytesDropped());
    }

    @Test
    void fuzz_interleavedJunkAndTruncatedFrames_decodesEveryIntactFrame() {
        Random r = new Random(Fuzz.SEED);
        Fuzz.Stream s = Fuzz.build(
                r,
                Fuzz.iterations(),
                rr -> frame(rr.nextInt(4), rr.nextInt(800), rr.nextInt(101), rr.nextInt(800), rr.nextInt(101)),
                rr -> switch (rr.nextInt(3)) {
                    case 0 -> Fuzz.randomBytes(rr, 40);
                    case 1 -> Fuzz.truncated(rr, BASIC);
                    default -> {
                        byte[] big = BASIC.clone();
                        big[4] = (byte) (65 + rr.nextInt(190)); // oversized length
                        yield big;
                    }
                });

        Fuzz.feedChunked(r, s.bytes(), parser::feed);

        assertEquals(s.intactFrames(), reports.size());
        assertEquals(s.intactFrames(), parser.framesDecoded());
        assertTrue(parser.bytesDropped() <= s.bytes().length - s.intactBytes());
    }
}
