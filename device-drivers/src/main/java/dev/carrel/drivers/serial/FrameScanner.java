package dev.carrel.drivers.serial;

/**
 * The resynchronising core of the binary parsers. Bytes accumulate in a small buffer; after each
 * byte {@link #examine} says whether the buffer starts with a complete frame, could still become
 * one, or cannot. When it cannot, the first byte is dropped (and counted) and the rest is examined
 * again, so a frame that starts inside garbage or inside a truncated frame is still found.
 *
 * <p>{@link #feed} never throws: subclasses examine only within {@code n} and decode defensively.
 */
public abstract class FrameScanner {

    /** {@link #examine} result: keep reading. */
    protected static final int NEED_MORE = 0;
    /** {@link #examine} result: no frame starts at byte 0. */
    protected static final int INVALID = -1;

    private final byte[] buf;
    private int n;
    private long framesDecoded;
    private long bytesDropped;

    protected FrameScanner(int maxFrameLength) {
        this.buf = new byte[maxFrameLength];
    }

    public final void feed(byte[] data) {
        feed(data, 0, data.length);
    }

    public final void feed(byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            push(data[i]);
        }
    }

    public final long framesDecoded() {
        return framesDecoded;
    }

    /** Bytes discarded because no valid frame contained them. */
    public final long bytesDropped() {
        return bytesDropped;
    }

    /**
     * @return the length of the complete frame at {@code buf[0]}, {@link #NEED_MORE} or {@link
     *     #INVALID}; never more than the buffer length
     */
    protected abstract int examine(byte[] buf, int n);

    /** Decodes a frame {@link #examine} accepted; returns false to reject it after all. */
    protected abstract boolean frame(byte[] buf, int length);

    private void push(byte b) {
        if (n == buf.length) {
            drop(1); // unreachable if examine honours its contract; never overflow regardless
        }
        buf[n++] = b;
        while (n > 0) {
            int verdict = examine(buf, n);
            if (verdict == NEED_MORE) {
                return;
            }
            if (verdict > 0 && verdict <= n && frame(buf, verdict)) {
                framesDecoded++;
                shift(verdict);
                continue;
            }
            drop(1);
        }
    }

    private void drop(int count) {
        bytesDropped += count;
        shift(count);
    }

    private void shift(int count) {
        System.arraycopy(buf, count, buf, 0, n - count);
        n -= count;
    }
}
