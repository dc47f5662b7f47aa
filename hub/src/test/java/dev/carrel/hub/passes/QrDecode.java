package dev.carrel.hub.passes;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads back a QR code drawn by {@link QrSvg} with ZXing's own decoder, so a test proves what a phone's camera
 * would read rather than comparing the markup: the SVG's unit squares are painted into a bitmap (four pixels
 * a module) and decoded.
 */
public final class QrDecode {
    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern MODULE = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z");
    private static final int SCALE = 4;

    private QrDecode() {}

    /** The text of the first QR code in {@code svg}. */
    public static String text(String svg) throws Exception {
        Matcher box = VIEW_BOX.matcher(svg);
        if (!box.find()) {
            throw new AssertionError("no viewBox in " + svg);
        }
        int w = Integer.parseInt(box.group(1)) * SCALE;
        int h = Integer.parseInt(box.group(2)) * SCALE;
        int[] pixels = new int[w * h];
        Arrays.fill(pixels, 0xFFFFFFFF);
        Matcher m = MODULE.matcher(svg);
        while (m.find()) {
            int x = Integer.parseInt(m.group(1)) * SCALE;
            int y = Integer.parseInt(m.group(2)) * SCALE;
            for (int dy = 0; dy < SCALE; dy++) {
                Arrays.fill(pixels, (y + dy) * w + x, (y + dy) * w + x + SCALE, 0xFF000000);
            }
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, pixels)));
        return new QRCodeReader()
                .decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE))
                .getText();
    }
}
