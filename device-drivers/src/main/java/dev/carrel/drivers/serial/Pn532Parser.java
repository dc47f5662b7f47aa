package dev.carrel.drivers.serial;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Parses frames from a PN532 over HSU (115200 8N1). Normal information frame, NXP UM0701-02 §6.2.1.1:
 *
 * <pre>
 * 00 00 FF | LEN | LCS | TFI | PD0..PDn | DCS | 00
 * (LEN + LCS) &amp; 0xFF == 0;  LEN counts TFI and data;  (TFI + ΣPD + DCS) &amp; 0xFF == 0
 * </pre>
 *
 * ACK ({@code 00 00 FF 00 FF 00}), NACK ({@code 00 00 FF FF 00 00}) and the error frame are
 * recognised too. Extended frames (LEN = FF, LCS = FF) are not used by the commands we send and are
 * dropped.
 */
public final class Pn532Parser extends FrameScanner {

    private static final int PN532_TO_HOST = 0xD5;
    private static final int ERROR_TFI = 0x7F;

    private final Consumer<Pn532Frame> frames;

    public Pn532Parser(Consumer<Pn532Frame> frames) {
        super(5 + 255 + 2);
        this.frames = frames;
    }

    @Override
    protected int examine(byte[] b, int n) {
        if (b[0] != 0x00 || (n > 1 && b[1] != 0x00) || (n > 2 && b[2] != (byte) 0xFF)) {
            return INVALID;
        }
        if (n < 5) {
            return NEED_MORE;
        }
        int len = b[3] & 0xFF;
        int lcs = b[4] & 0xFF;
        boolean ackOrNack = (len == 0x00 && lcs == 0xFF) || (len == 0xFF && lcs == 0x00);
        if (ackOrNack) {
            return n < 6 ? NEED_MORE : (b[5] == 0x00 ? 6 : INVALID);
        }
        if (((len + lcs) & 0xFF) != 0 || len == 0) {
            return INVALID;
        }
        int total = 5 + len + 2;
        if (n < total) {
            return NEED_MORE;
        }
        int sum = 0;
        for (int i = 5; i < 5 + len + 1; i++) {
            sum += b[i] & 0xFF;
        }
        return (sum & 0xFF) == 0 && b[total - 1] == 0x00 ? total : INVALID;
    }

    @Override
    protected boolean frame(byte[] b, int length) {
        if (length == 6) {
            frames.accept(b[3] == 0x00 ? new Pn532Frame.Ack() : new Pn532Frame.Nack());
            return true;
        }
        int tfi = b[5] & 0xFF;
        int len = b[3] & 0xFF;
        if (tfi == ERROR_TFI && len == 1) {
            frames.accept(new Pn532Frame.Error());
            return true;
        }
        if (tfi != PN532_TO_HOST || len < 2) {
            return false; // a host→PN532 echo or an unknown frame type
        }
        frames.accept(new Pn532Frame.Response(b[6] & 0xFF, Arrays.copyOfRange(b, 7, 5 + len)));
        return true;
    }

    /** Builds a host→PN532 frame (TFI D4) for {@code command} and its parameters. */
    public static byte[] command(int command, byte... params) {
        int len = params.length + 2;
        byte[] f = new byte[len + 7];
        f[2] = (byte) 0xFF;
        f[3] = (byte) len;
        f[4] = (byte) -len;
        f[5] = (byte) 0xD4;
        f[6] = (byte) command;
        int sum = 0xD4 + command;
        for (int i = 0; i < params.length; i++) {
            f[7 + i] = params[i];
            sum += params[i] & 0xFF;
        }
        f[7 + params.length] = (byte) -sum;
        return f;
    }
}
