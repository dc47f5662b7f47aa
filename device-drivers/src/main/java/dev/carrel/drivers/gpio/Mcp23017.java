package dev.carrel.drivers.gpio;

import dev.carrel.drivers.Backoff;
import dev.carrel.drivers.DriverFault;
import dev.carrel.drivers.FaultListener;
import dev.carrel.drivers.Reconnector;
import dev.carrel.drivers.Scheduler;
import java.io.IOException;
import java.util.Optional;

/**
 * An MCP23017 16-channel I2C port expander driving relays: channels 0–7 are GPA0–7, 8–15 are
 * GPB0–7. It keeps a shadow of both output latches, so a command given while the expander is
 * unreachable is applied when it comes back, and a re-initialisation restores every relay.
 *
 * <p>Registers (Microchip DS20001952C, Table 3-5, IOCON.BANK = 0): IODIRA 0x00, IODIRB 0x01, IOCON
 * 0x0A, OLATA 0x14, OLATB 0x15. At power-on every pin is an input (IODIR = 0xFF, §3.5.1), so the
 * latches are written before the direction: an active-low relay board would otherwise click on
 * during start-up.
 */
public final class Mcp23017 implements AutoCloseable {

    static final int IODIRA = 0x00;
    static final int IODIRB = 0x01;
    static final int IOCON = 0x0A;
    static final int OLATA = 0x14;
    static final int OLATB = 0x15;

    private final String id;
    private final I2cDevice device;
    private final Reconnector reconnector;
    private int latch; // bit n = channel n, GPA in the low byte
    private boolean ready;

    public Mcp23017(String id, I2cDevice device, Scheduler scheduler, FaultListener faults, Backoff backoff) {
        this.id = id;
        this.device = device;
        this.reconnector = new Reconnector(id, scheduler, faults, backoff, this::initialise);
    }

    /** Configures the chip; if it does not answer, faults and keeps retrying with back-off. */
    public void start() {
        reconnector.start();
    }

    /** A channel as an output line that rests at {@code restHigh}. */
    public OutputLine channel(int channel, boolean restHigh) {
        if (channel < 0 || channel > 15) {
            throw new IllegalArgumentException("MCP23017 channel must be 0-15: " + channel);
        }
        set(channel, restHigh);
        return new OutputLine() {
            @Override
            public void level(boolean high) {
                set(channel, high);
            }

            @Override
            public boolean high() {
                return latched(channel);
            }

            @Override
            public Optional<DriverFault> fault() {
                return reconnector.fault();
            }

            @Override
            public void close() {
                set(channel, restHigh);
            }
        };
    }

    public Optional<DriverFault> fault() {
        return reconnector.fault();
    }

    private synchronized boolean latched(int channel) {
        return (latch >>> channel & 1) == 1;
    }

    private void set(int channel, boolean high) {
        String failure;
        synchronized (this) {
            latch = high ? latch | (1 << channel) : latch & ~(1 << channel);
            if (!ready) {
                return; // applied by initialise() when the chip answers
            }
            try {
                if (channel < 8) {
                    device.writeRegister(OLATA, latch & 0xFF);
                } else {
                    device.writeRegister(OLATB, latch >>> 8 & 0xFF);
                }
                return;
            } catch (IOException e) {
                ready = false;
                failure = id + ": " + e.getMessage();
            }
        }
        reconnector.lost(failure);
    }

    private synchronized void initialise() throws IOException {
        device.writeRegister(IOCON, 0x00); // BANK=0, sequential addressing
        device.writeRegister(OLATA, latch & 0xFF);
        device.writeRegister(OLATB, latch >>> 8 & 0xFF);
        device.writeRegister(IODIRA, 0x00);
        device.writeRegister(IODIRB, 0x00);
        ready = true;
    }

    @Override
    public void close() {
        reconnector.close();
        device.close();
    }
}
