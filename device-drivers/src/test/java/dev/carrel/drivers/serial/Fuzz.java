package dev.carrel.drivers.serial;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.function.Function;

/**
 * Builds fuzz streams: intact frames interleaved with random junk, truncated frames and other
 * damage, then fed in random chunk sizes. Fixed seed in the normal run; a long run is opt-in with
 * {@code -Dcarrel.fuzz.iterations=1000000}.
 */
final class Fuzz {

    static final long SEED = 0x5EED_CA77E1L;

    static long iterations() {
        return Long.getLong("carrel.fuzz.iterations", 3_000);
    }

    /** A fuzzed stream and what it should decode to. */
    record Stream(byte[] bytes, int intactFrames, long intactBytes) {}

    /**
     * @param frame makes a valid frame from the random source
     * @param junk makes a damaged or random segment that must not decode
     */
    static Stream build(Random r, long segments, Function<Random, byte[]> frame, Function<Random, byte[]> junk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int intact = 0;
        long intactBytes = 0;
        for (long i = 0; i < segments; i++) {
            if (r.nextBoolean()) {
                byte[] f = frame.apply(r);
                out.writeBytes(f);
                intact++;
                intactBytes += f.length;
            } else {
                out.writeBytes(junk.apply(r));
            }
        }
        return new Stream(out.toByteArray(), intact, intactBytes);
    }

    static byte[] randomBytes(Random r, int max) {
        byte[] b = new byte[r.nextInt(max + 1)];
        r.nextBytes(b);
        return b;
    }

    /** A prefix of a valid frame: cut off mid-way, as when a port is opened mid-frame. */
    static byte[] truncated(Random r, byte[] frame) {
        return java.util.Arrays.copyOf(frame, 1 + r.nextInt(frame.length - 1));
    }

    /** Feeds in random chunk sizes, as reads from a UART return. */
    static void feedChunked(Random r, byte[] data, ChunkSink sink) {
        int i = 0;
        while (i < data.length) {
            int n = Math.min(data.length - i, 1 + r.nextInt(64));
            sink.feed(data, i, n);
            i += n;
        }
    }

    @FunctionalInterface
    interface ChunkSink {
        void feed(byte[] data, int offset, int length);
    }

    private Fuzz() {}
}
