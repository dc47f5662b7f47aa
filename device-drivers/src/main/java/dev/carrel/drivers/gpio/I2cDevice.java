package dev.carrel.drivers.gpio;

import java.io.IOException;

/**
 * Register access to one I2C device. Errors (a NACK, a loose cable) are {@link IOException}s so
 * callers must decide: the expander driver faults and retries.
 */
public interface I2cDevice extends AutoCloseable {

    int readRegister(int register) throws IOException;

    void writeRegister(int register, int value) throws IOException;

    @Override
    void close();
}
