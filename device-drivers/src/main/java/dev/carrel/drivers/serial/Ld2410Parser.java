package dev.carrel.drivers.serial;

import java.util.function.Consumer;

/**
 * Parses the HLK-LD2410's serial output (256000 8N1, little-endian). Sources: esphome ld2410.cpp;
 * mgiesen/LD2410 README; STACK.md §7.
 *
 * <pre>
 * data frame: F4 F3 F2 F1 | len u16 | type (02 basic, 01 engineering) | AA | state | moveDist u16
 *             | moveEnergy | stillDist u16 | stillEnergy | detectDist u16 | [engineering…] | 55 | 00
 *             | F8 F7 F6 F5
 * ack frame:  FD FC FB FA | len u16 | … | 04 03 02 01   (replies to configuration commands)
 * </pre>
 *
 * Data frames become {@link RadarReport}s; ack frames are counted and skipped.
 */
public final class Ld2410Parser extends FrameScanner {

    /** An engineering frame's payload is 35 bytes; anything far beyond is corruption. */
    static final int MAX_PAYLOAD = 64;

    private static final byte[] DATA_HEAD = {(byte) 0xF4, (byte) 0xF3, (byte) 0xF2, (byte) 0xF1};
    private static final byte[] DATA_TAIL = {(byte) 0xF8, (byte) 0xF7, (byte) 0xF6, (byte) 0xF5};
    private static final byte[] ACK_HEAD = {(byte) 0xFD, (byte) 0xFC, (byte) 0xFB, (byte) 0xFA};
    private static final byte[] ACK_TAIL = {0x04, 0x03, 0x02, 0x01};
    private static final int BASIC_PAYLOAD = 13;

    private final Consumer<RadarReport> reports;
    private long acks;

    public Ld2410Parser(Consumer<RadarReport> reports) {
        super(4 + 2 + MAX_PAYLOAD + 4);
        this.reports = reports;
    }

    /** Command acknowledgements seen (and skipped). */
    public long acks() {
        return acks;
    }

    @Override
    protected int examine(byte[] b, int n) {
        byte[] head = b[0] == DATA_HEAD[0] ? DATA_HEAD : ACK_HEAD;
        for (int i = 0; i < Math.min(n, 4); i++) {
            if (b[i] != head[i]) {
                return INVALID;
            }
        }
        if (n < 6) {
            return NEED_MORE;
        }
        int len = (b[4] & 0xFF) | (b[5] & 0xFF) << 8;
        if (len > MAX_PAYLOAD || (head == DATA_HEAD && len < BASIC_PAYLOAD)) {
            return INVALID;
        }
        int total = 6 + len + 4;
        if (n < total) {
            return NEED_MORE;
        }
        byte[] tail = head == DATA_HEAD ? DATA_TAIL : ACK_TAIL;
        for (int i = 0; i < 4; i++) {
            if (b[total - 4 + i] != tail[i]) {
                return INVALID;
            }
        }
        return total;
    }

    @Override
    protected boolean frame(byte[] b, int length) {
        if (b[0] == ACK_HEAD[0]) {
            acks++;
            return true;
        }
        int p = 6; // payload start
        int end = length - 4;
        boolean typeOk = b[p] == 0x02 || b[p] == 0x01;
        if (!typeOk || b[p + 1] != (byte) 0xAA || b[end - 2] != 0x55 || b[end - 1] != 0x00) {
            return false;
        }
        int state = b[p + 2] & 0xFF;
        if (state > 3) {
            return false;
        }
        reports.accept(new RadarReport(
                TargetState.values()[state],
                u16(b, p + 3),
                b[p + 5] & 0xFF,
                u16(b, p + 6),
                b[p + 8] & 0xFF,
                u16(b, p + 9)));
        return true;
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }
}
