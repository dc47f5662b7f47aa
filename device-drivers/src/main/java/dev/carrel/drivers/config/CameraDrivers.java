package dev.carrel.drivers.config;

import dev.carrel.drivers.Device;
import dev.carrel.drivers.camera.FrameSource;
import dev.carrel.drivers.camera.JpegFileFrameSource;
import dev.carrel.drivers.camera.MjpegFrameSource;
import dev.carrel.drivers.camera.QrCameraReader;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;

/** {@code camera-qr}: {@code source} is an {@code http(s)://} MJPEG URL or a JPEG file path. */
final class CameraDrivers implements DriverFamily {

    private final Wiring wiring;

    CameraDrivers(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public Set<String> names() {
        return Set.of("camera-qr");
    }

    @Override
    public Device create(String driver, Settings s) {
        String source = s.string("source");
        var timing =
                new QrCameraReader.Timing(s.millis("interval-ms", 250, 60_000), s.millis("repeat-ms", 3000, 600_000));
        if (timing.interval().isZero()) {
            throw s.error("interval-ms", "must be positive");
        }
        s.rejectUnknown();
        FrameSource frames;
        if (source.startsWith("http://") || source.startsWith("https://")) {
            try {
                frames = new MjpegFrameSource(URI.create(source));
            } catch (IllegalArgumentException e) {
                throw s.error("source", "is not a valid URL: " + source);
            }
        } else {
            frames = new JpegFileFrameSource(Path.of(source));
        }
        var reader = new QrCameraReader(
                s.endpointId(), frames, wiring.scheduler(), timing, wiring.faults(), wiring.backoff());
        reader.start();
        return reader;
    }
}
