package dev.carrel.drivers.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LineParserTest {

    private final List<String> ids = new ArrayList<>();

    private LineParser parser(LineFraming framing) {
        return new LineParser(framing, ids::add);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void decode_crlfLines_emitsEachIdOnce() {
        LineParser p = parser(LineFraming.DEFAULT);

        p.feed(ascii("https://carrel.example/s/AB12\r\nLIB-0042\n"));

        assertEquals(List.of("https://carrel.example/s/AB12", "LIB-0042"), ids);
    }

    @Test
    void decode_lineSplitAcrossReads_emitsOnce() {
        LineParser p = parser(LineFraming.DEFAULT);
        p.feed(ascii("LIB-"));
        p.feed(ascii("0042"));
        assertTrue(ids.isEmpty());
        p.feed(ascii("\r\n"));

        assertEquals(List.of("LIB-0042"), ids);
    }

    @Test
    void decode_faceTerminalPattern_extractsGroupAndDropsOtherLines() {
        LineParser p = parser(new LineFraming("", "", Optional.of(Pattern.compile("ID:(\\d+)(;.*)?")), 128));

        p.feed(ascii("HEARTBEAT\nID:20231234;score=0.97\n"));

        assertEquals(List.of("20231234"), ids);
        assertEquals("HEARTBEAT".length(), p.bytesDropped());
    }

    @Test
    void decode_stxEtxFraming_resyncsOnPrefix() {
        LineParser p = parser(new LineFraming("\u0002", "\u0003", Optional.empty(), 64));

        p.feed(ascii("noise\u0002PART\u0002QR-77\u0003"));

        assertEquals(List.of("QR-77"), ids);
        assertEquals("noise\u0002PART".length(), p.bytesDropped());
    }

    @Test
    void decode_oversizedLine_isDroppedWholeAndNextLineKept() {
        LineParser p = parser(new LineFraming("", "", Optional.empty(), 16));

        p.feed(ascii("X".repeat(100) + "\nOK-1\n"));

        assertEquals(List.of("OK-1"), ids);
        assertTrue(p.bytesDropped() >= 100);
    }

    @Test
    void fuzz_junkLinesAndTruncatedRecords_decodesEveryIntactRecord() {
        Pattern id = Pattern.compile("ID:(\\d{4,10})");
        LineParser p = parser(new LineFraming("\u0002", "", Optional.of(id), 64));
        Random r = new Random(Fuzz.SEED);
        Fuzz.Stream s = Fuzz.build(
                r,
                Fuzz.iterations(),
                rr -> ascii("\u0002ID:" + (1000 + rr.nextInt(1_000_000)) + (rr.nextBoolean() ? "\r\n" : "\n")),
                rr -> switch (rr.nextInt(3)) {
                    case 0 -> junkLine(rr);
                    case 1 -> ascii("\u0002ID:12"); // truncated: the next record's prefix resyncs
                    default -> ascii("\u0002" + "9".repeat(100) + "\n"); // oversized
                });

        Fuzz.feedChunked(r, s.bytes(), p::feed);

        assertEquals(s.intactFrames(), ids.size());
        assertEquals(s.intactFrames(), p.framesDecoded());
    }

    /** Random bytes without a prefix or terminator, then a terminator. */
    private static byte[] junkLine(Random r) {
        byte[] b = Fuzz.randomBytes(r, 40);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\r' || b[i] == '\n' || b[i] == 2) {
                b[i] = '?';
            }
        }
        byte[] out = java.util.Arrays.copyOf(b, b.length + 1);
        out[b.length] = '\n';
        return out;
    }
}
