package dev.carrel.drivers.gpio;

import dev.carrel.drivers.DriverFault;
import java.util.Optional;

/** One digital output: a GPIO pin or an expander channel. Electrical levels, not meanings. */
public interface OutputLine extends AutoCloseable {

    void level(boolean high);

    /** The level the hardware reports now. */
    boolean high();

    /** A line on an expander is in fault while the expander is unreachable. */
    default Optional<DriverFault> fault() {
        return Optional.empty();
    }

    @Override
    void close();
}
