package dev.carrel.drivers.bench;

import dev.carrel.drivers.serial.Ld2410Parser;
import dev.carrel.drivers.serial.LineFraming;
import dev.carrel.drivers.serial.LineParser;
import dev.carrel.drivers.serial.Pn532Parser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Parser throughput for each byte protocol, against a baseline measured in the same run: a plain
 * loop that scans the same bytes for a header byte. Not a test (no *Test name, no JUnit); run it
 * with the {@code java -cp} command in docs/hardware.md.
 */
public final class ParserBenchmark {

    private static final int STREAM_BYTES = 16 << 20;
    private static final int ROUNDS = 5;

    /** A parser under test: feed the whole stream, return frames decoded. */
    private interface Run {
        long feed(byte[] data);
    }

    public static void main(String[] args) {
        byte[] ld = stream(HexFormat.ofDelimiter(" ")
                .parseHex("F4 F3 F2 F1 0D 00 02 AA 01 1E 00 64 00 00 00 1E 00 55 00 F8 F7 F6 F5"));
        byte[] pn = stream(pn532CardResponse());
        byte[] line = stream("ID:2023004217;score=0.98\r\n".getBytes(StandardCharsets.US_ASCII));
        double baseline = measure("baseline scan", ld, ParserBenchmark::scan, 0);
        measure(
                "LD2410",
                ld,
                d -> {
                    long[] n = {0};
                    feedInReads(d, new Ld2410Parser(r -> n[0]++)::feed);
                    return n[0];
                },
                baseline);
        measure(
                "PN532",
                pn,
                d -> {
                    long[] n = {0};
                    feedInReads(d, new Pn532Parser(f -> n[0]++)::feed);
                    return n[0];
                },
                baseline);
        var framing = new LineFraming("", "", Optional.of(Pattern.compile("ID:(\\d+)(;.*)?")), 128);
        measure(
                "line",
                line,
                d -> {
                    long[] n = {0};
                    new LineParser(framing, id -> n[0]++).feed(d);
                    return n[0];
                },
                baseline);
    }

    /** As the serial reader does: 4 KiB reads. */
    private static void feedInReads(byte[] data, Feeder f) {
        for (int i = 0; i < data.length; i += 4096) {
            f.feed(data, i, Math.min(4096, data.length - i));
        }
    }

    private interface Feeder {
        void feed(byte[] data, int offset, int length);
    }

    /** InListPassiveTarget reply with one 4-byte UID, TFI D5 (PN532 to host). */
    private static byte[] pn532CardResponse() {
        byte[] f = Pn532Parser.command(0x4B, HexFormat.of().parseHex("0101000408" + "04DEADBEEF"));
        f[5] = (byte) 0xD5;
        int sum = 0;
        for (int i = 5; i < f.length - 2; i++) {
            sum += f[i] & 0xFF;
        }
        f[f.length - 2] = (byte) -sum;
        return f;
    }

    private static long scan(byte[] data) {
        long n = 0;
        for (byte b : data) {
            if (b == (byte) 0xF4) {
                n++;
            }
        }
        return n;
    }

    /** The frame repeated, with 5 % of frames preceded by a few random bytes of line noise. */
    private static byte[] stream(byte[] frame) {
        Random r = new Random(42);
        ByteArrayOutputStream out = new ByteArrayOutputStream(STREAM_BYTES + 1024);
        while (out.size() < STREAM_BYTES) {
            if (r.nextInt(20) == 0) {
                byte[] junk = new byte[1 + r.nextInt(8)];
                r.nextBytes(junk);
                out.writeBytes(junk);
            }
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    private static double measure(String name, byte[] data, Run run, double baselineMbps) {
        long frames = 0;
        long best = Long.MAX_VALUE;
        for (int i = 0; i < ROUNDS + 2; i++) { // two warm-up rounds
            long t0 = System.nanoTime();
            frames = run.feed(data);
            long t = System.nanoTime() - t0;
            if (i >= 2) {
                best = Math.min(best, t);
            }
        }
        double seconds = best / 1e9;
        double mbps = data.length / 1e6 / seconds;
        String ratio = baselineMbps == 0 ? "" : String.format(" | %.3f × baseline", mbps / baselineMbps);
        System.out.printf("%-14s %9.1f MB/s %12.0f frames/s%s%n", name, mbps, frames / seconds, ratio);
        return mbps;
    }

    private ParserBenchmark() {}
}
