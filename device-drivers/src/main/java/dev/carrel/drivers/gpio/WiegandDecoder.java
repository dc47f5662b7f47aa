package dev.carrel.drivers.gpio;

import java.time.Duration;
import java.util.Optional;

/**
 * Assembles Wiegand bits into frames. Pure state machine: the caller feeds each bit with the
 * monotonic time it arrived and calls {@link #flush} when the line has been quiet; no I/O, and no
 * input makes it throw.
 *
 * <p>Wire rules (STACK.md §7): a low pulse on D0 is a 0, on D1 a 1; pulses are ~50 µs about 1–2 ms
 * apart, and a gap longer than {@code frameGap} (25 ms) ends a frame. A frame is accepted if it has
 * 26 bits (even parity over bits 1–13, odd over 14–26, 8-bit facility, 16-bit card) or 34 bits
 * (even over 1–17, odd over 18–34, 16-bit facility, 16-bit card). Anything else — wrong length, bad
 * parity, noise — is dropped and counted.
 */
public final class WiegandDecoder {

    /** Longer than any supported frame; bits beyond it are noise. */
    static final int MAX_BITS = 64;

    private final long frameGapNanos;
    private long bits;
    private int count;
    private long lastBitNanos;
    private long framesDecoded;
    private long framesDropped;
    private long bitsDropped;

    public WiegandDecoder(Duration frameGap) {
        this.frameGapNanos = frameGap.toNanos();
    }

    /**
     * One bit at {@code nanos}. If the gap since the previous bit ended a frame, that frame is
     * decoded first and returned.
     */
    public Optional<WiegandCard> bit(boolean one, long nanos) {
        Optional<WiegandCard> finished = Optional.empty();
        if (count > 0 && nanos - lastBitNanos > frameGapNanos) {
            finished = finish();
        }
        lastBitNanos = nanos;
        if (count >= MAX_BITS) {
            bitsDropped++;
            count++; // remember the frame is oversized; finish() drops it whole
            return finished;
        }
        bits = (bits << 1) | (one ? 1 : 0);
        count++;
        return finished;
    }

    /** Ends the frame in progress if the line has been quiet for longer than the frame gap. */
    public Optional<WiegandCard> flush(long nanos) {
        if (count == 0 || nanos - lastBitNanos <= frameGapNanos) {
            return Optional.empty();
        }
        return finish();
    }

    public long framesDecoded() {
        return framesDecoded;
    }

    public long framesDropped() {
        return framesDropped;
    }

    /** Bits thrown away: those of dropped frames and those beyond {@link #MAX_BITS}. */
    public long bitsDropped() {
        return bitsDropped;
    }

    private Optional<WiegandCard> finish() {
        int n = count;
        long b = bits;
        count = 0;
        bits = 0;
        Optional<WiegandCard> card =
                switch (n) {
                    case 26 -> decode(b, 26, 8);
                    case 34 -> decode(b, 34, 16);
                    default -> Optional.empty();
                };
        if (card.isPresent()) {
            framesDecoded++;
        } else {
            framesDropped++;
            bitsDropped += Math.min(n, MAX_BITS);
        }
        return card;
    }

    /** Layout: P(even) | facility | card(16) | P(odd); each parity covers its half of the data. */
    private static Optional<WiegandCard> decode(long frame, int n, int facilityBits) {
        int half = (n - 2) / 2;
        long data = (frame >>> 1) & ((1L << (n - 2)) - 1);
        long high = data >>> half;
        long low = data & ((1L << half) - 1);
        int evenBit = (int) (frame >>> (n - 1)) & 1;
        int oddBit = (int) frame & 1;
        boolean evenOk = (Long.bitCount(high) + evenBit) % 2 == 0;
        boolean oddOk = (Long.bitCount(low) + oddBit) % 2 == 1;
        if (!evenOk || !oddOk) {
            return Optional.empty();
        }
        int card = (int) (data & 0xFFFF);
        int facility = (int) ((data >>> 16) & ((1L << facilityBits) - 1));
        return Optional.of(new WiegandCard(n, facility, card));
    }
}
