package dev.carrel.drivers.gpio;

/**
 * A relay coil on an output line. Most cheap relay boards (SRD-05VDC with an optocoupler input) are
 * active-low: the relay pulls in when the input is driven low, so "on" must be written as low and
 * the rest level is high.
 */
public final class Relay implements AutoCloseable {

    private final OutputLine line;
    private final boolean activeLow;

    public Relay(OutputLine line, boolean activeLow) {
        this.line = line;
        this.activeLow = activeLow;
    }

    public void energise(boolean on) {
        line.level(on != activeLow);
    }

    /** Read back from the line, so it reflects the hardware, not the last command. */
    public boolean energised() {
        return line.high() != activeLow;
    }

    OutputLine line() {
        return line;
    }

    @Override
    public void close() {
        line.close();
    }
}
