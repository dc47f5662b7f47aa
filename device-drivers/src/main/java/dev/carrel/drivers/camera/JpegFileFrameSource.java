package dev.carrel.drivers.camera;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * A JPEG file that something else keeps overwriting (e.g. {@code rpicam-still --timelapse}). A frame
 * is returned only when the file changed since the last one.
 */
public final class JpegFileFrameSource implements FrameSource {

    private final Path file;
    private FileTime last = FileTime.fromMillis(Long.MIN_VALUE);

    public JpegFileFrameSource(Path file) {
        this.file = file;
    }

    @Override
    public Optional<BufferedImage> next() throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        if (modified.equals(last)) {
            return Optional.empty();
        }
        last = modified;
        return Optional.ofNullable(ImageIO.read(file.toFile()));
    }

    @Override
    public void close() {}
}
