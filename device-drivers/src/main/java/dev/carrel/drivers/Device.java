package dev.carrel.drivers;

import java.util.Optional;

/**
 * What every driver has in common: an id from the configuration, a current fault (if any), and a
 * close that releases the hardware. {@link #close()} never throws and may be called twice.
 */
public interface Device extends AutoCloseable {

    /** The endpoint id the agent configured, e.g. {@code seat-12-lamp}. */
    String id();

    /** The fault the device is in now, or empty when it is healthy. */
    Optional<DriverFault> fault();

    @Override
    void close();
}
