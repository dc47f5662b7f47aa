package dev.carrel.drivers.config;

import dev.carrel.drivers.Device;
import java.util.Set;

/**
 * The drivers of one device family. {@link #create} reads every setting, calls {@link
 * Settings#rejectUnknown()}, and only then touches hardware.
 */
interface DriverFamily extends AutoCloseable {

    Set<String> names();

    Device create(String driver, Settings settings);

    /** Releases what the family shares between endpoints (an expander, a link). */
    @Override
    default void close() {}
}
