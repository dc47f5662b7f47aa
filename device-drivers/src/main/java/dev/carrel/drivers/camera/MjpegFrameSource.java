package dev.carrel.drivers.camera;

import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Frames from an MJPEG-over-HTTP stream ({@code multipart/x-mixed-replace}). Rather than trust each
 * camera's part headers, it cuts JPEGs at their markers: SOI {@code FF D8} to EOI {@code FF D9}
 * (ITU-T T.81 Annex B). Frames larger than 8 MiB are dropped as corruption.
 */
public final class MjpegFrameSource implements FrameSource {

    private static final int MAX_FRAME = 8 << 20;

    private final URI uri;
    private HttpURLConnection connection;
    private InputStream in;

    public MjpegFrameSource(URI uri) {
        this.uri = uri;
    }

    @Override
    public Optional<BufferedImage> next() throws IOException {
        if (in == null) {
            connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(5000);
            connection.setReadTimeout(5000);
            in = new BufferedInputStream(connection.getInputStream());
        }
        byte[] jpeg = nextJpeg();
        return Optional.ofNullable(ImageIO.read(new ByteArrayInputStream(jpeg)));
    }

    private byte[] nextJpeg() throws IOException {
        int prev = -1;
        int b;
        while ((b = in.read()) >= 0 && !(prev == 0xFF && b == 0xD8)) {
            prev = b;
        }
        if (b < 0) {
            throw new IOException("MJPEG stream ended");
        }
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0xFF);
        frame.write(0xD8);
        prev = -1;
        while ((b = in.read()) >= 0) {
            frame.write(b);
            if (prev == 0xFF && b == 0xD9) {
                return frame.toByteArray();
            }
            if (frame.size() > MAX_FRAME) {
                throw new IOException("MJPEG frame over " + MAX_FRAME + " bytes");
            }
            prev = b;
        }
        throw new IOException("MJPEG stream ended mid-frame");
    }

    @Override
    public void close() {
        try {
            if (in != null) {
                in.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
        if (connection != null) {
            connection.disconnect();
        }
        in = null;
    }
}
