package dev.carrel.drivers.serial;

import java.io.IOException;

/** Opens serial ports by path, 8N1. {@link JSerialCommPorts} is the real one. */
@FunctionalInterface
public interface SerialPorts {

    /**
     * @param port a device path, e.g. {@code /dev/ttyAMA0} or {@code /dev/serial/by-id/usb-…}
     * @throws IOException when the port does not exist or cannot be opened
     */
    SerialLink open(String port, int baud) throws IOException;
}
