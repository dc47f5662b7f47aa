package dev.carrel.drivers.serial;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * An open serial port as two streams. {@link #input()} blocks for at most a short timeout and then
 * returns what it has (possibly nothing), and throws {@link java.io.IOException} once the port is
 * gone — that is how an unplugged USB adapter shows itself.
 */
public interface SerialLink extends AutoCloseable {

    InputStream input();

    OutputStream output();

    @Override
    void close();
}
