package dev.carrel.drivers.camera;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ReaderException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** ZXing's QR reader on one frame. Most frames hold no code; that is empty, not an error. */
public final class QrDecoder {

    private final QRCodeReader reader = new QRCodeReader();
    private final Map<DecodeHintType, Object> hints = Map.of(
            DecodeHintType.TRY_HARDER, Boolean.TRUE, DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));

    public Optional<String> decode(BufferedImage image) {
        try {
            var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
            return Optional.of(reader.decode(bitmap, hints).getText());
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (ReaderException | RuntimeException e) {
            return Optional.empty(); // checksum or format errors: a blurred code, try the next frame
        } finally {
            reader.reset();
        }
    }
}
