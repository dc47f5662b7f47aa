package dev.carrel.drivers.fake;

import dev.carrel.drivers.gpio.I2cDevice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A register map behind the I2C port. A test can unplug it ({@link #unplug()}) so every access
 * fails like a NACK, and plug it back in.
 */
public final class FakeI2cDevice implements I2cDevice {

    private final int[] registers = new int[256];
    private final List<String> writes = new ArrayList<>();
    private boolean unplugged;
    private boolean closed;

    @Override
    public synchronized int readRegister(int register) throws IOException {
        check();
        return registers[register & 0xFF];
    }

    @Override
    public synchronized void writeRegister(int register, int value) throws IOException {
        check();
        registers[register & 0xFF] = value & 0xFF;
        writes.add(String.format("%02X=%02X", register & 0xFF, value & 0xFF));
    }

    /** The current value of a register. */
    public synchronized int register(int register) {
        return registers[register & 0xFF];
    }

    /** Sets a register as the chip would have it, e.g. its power-on defaults. */
    public synchronized void preset(int register, int value) {
        registers[register & 0xFF] = value & 0xFF;
    }

    /** Writes in order, as {@code "RR=VV"} hex pairs. */
    public synchronized List<String> writes() {
        return List.copyOf(writes);
    }

    public synchronized void unplug() {
        unplugged = true;
    }

    public synchronized void plugIn() {
        unplugged = false;
    }

    public synchronized boolean closed() {
        return closed;
    }

    private void check() throws IOException {
        if (unplugged) {
            throw new IOException("I2C NACK (device not answering)");
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
