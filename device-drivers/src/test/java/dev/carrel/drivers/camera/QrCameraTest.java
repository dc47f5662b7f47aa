package dev.carrel.drivers.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import com.sun.net.httpserver.HttpServer;
import dev.carrel.drivers.Backoff;
import dev.carrel.drivers.Credential;
import dev.carrel.drivers.CredentialKind;
import dev.carrel.drivers.fake.ManualScheduler;
import dev.carrel.drivers.fake.RecordingFaultListener;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QrCameraTest {

    private final ManualScheduler time = new ManualScheduler();
    private final RecordingFaultListener faults = new RecordingFaultListener();

    /** A QR code rendered by ZXing, as a camera-like JPEG with a margin. */
    static byte[] qrJpeg(String text) throws Exception {
        var matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 300, 300);
        BufferedImage bw = MatrixToImageWriter.toBufferedImage(matrix);
        BufferedImage rgb = new BufferedImage(bw.getWidth(), bw.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(bw, 0, 0, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(rgb, "jpg", out);
        return out.toByteArray();
    }

    private QrCameraReader reader(FrameSource source, List<Credential> read) {
        var r = new QrCameraReader(
                "gate-cam",
                source,
                time,
                new QrCameraReader.Timing(Duration.ofMillis(200), Duration.ofSeconds(3)),
                faults,
                Backoff.DEFAULT);
        r.onCredential(read::add);
        r.start();
        return r;
    }

    @Test
    void jpegFile_withQr_emitsQrCredentialOnceWhileShown(@TempDir Path dir) throws Exception {
        Path frame = dir.resolve("frame.jpg");
        Files.write(frame, qrJpeg("carrel:visit:7f3a"));
        List<Credential> read = new ArrayList<>();
        try (var r = reader(new JpegFileFrameSource(frame), read)) {
            time.advance(Duration.ofMillis(200));
            assertTrue(r.fault().isEmpty());
            Files.write(frame, qrJpeg("carrel:visit:7f3a"));
            Files.setLastModifiedTime(
                    frame, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
            time.advance(Duration.ofMillis(200));

            assertEquals(1, read.size());
            assertEquals(CredentialKind.QR, read.get(0).kind());
            assertEquals("carrel:visit:7f3a", read.get(0).value());
        }
    }

    @Test
    void jpegFile_missing_faultsInsteadOfThrowing(@TempDir Path dir) {
        List<Credential> read = new ArrayList<>();
        try (var r = reader(new JpegFileFrameSource(dir.resolve("none.jpg")), read)) {
            time.advance(Duration.ofMillis(200));

            assertTrue(r.fault().isPresent());
            assertEquals(1, faults.faults().size());
        }
    }

    @Test
    void decoder_blankFrame_isEmpty() {
        BufferedImage blank = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        assertTrue(new QrDecoder().decode(blank).isEmpty());
    }

    @Test
    void mjpegStream_overHttp_yieldsDecodableFrames() throws Exception {
        byte[] first = qrJpeg("seat-12");
        byte[] second = qrJpeg("seat-13");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/stream", ex -> {
            ex.getResponseHeaders().add("Content-Type", "multipart/x-mixed-replace; boundary=frame");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (byte[] jpeg : List.of(first, second)) {
                    out.write(("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(jpeg);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
        });
        server.start();
        try (var source = new MjpegFrameSource(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/stream"))) {
            QrDecoder decoder = new QrDecoder();

            assertEquals("seat-12", decoder.decode(source.next().orElseThrow()).orElseThrow());
            assertEquals("seat-13", decoder.decode(source.next().orElseThrow()).orElseThrow());
        } finally {
            server.stop(0);
        }
    }
}
