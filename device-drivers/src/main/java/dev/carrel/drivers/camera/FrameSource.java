package dev.carrel.drivers.camera;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Optional;

/** Where camera frames come from. {@link #next()} may block for about one frame interval. */
public interface FrameSource extends AutoCloseable {

    /** The next frame, or empty if none is ready; throws when the camera is gone. */
    Optional<BufferedImage> next() throws IOException;

    @Override
    void close();
}
