package dev.carrel.drivers.fake;

import dev.carrel.drivers.serial.SerialLink;
import dev.carrel.drivers.serial.SerialPorts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Serial ports a test plugs in by path. Opening a path with nothing plugged in fails like a missing
 * {@code /dev/ttyUSB0}; {@link #plug} puts a fresh link there for the next open.
 */
public final class FakeSerialPorts implements SerialPorts {

    private final Map<String, FakeSerialLink> plugged = new HashMap<>();
    private final List<String> opened = new ArrayList<>();

    /** Plugs a new device in at {@code path} and returns its link. */
    public synchronized FakeSerialLink plug(String path) {
        FakeSerialLink link = new FakeSerialLink();
        plugged.put(path, link);
        return link;
    }

    /** Unplugs the device at {@code path}: its reads fail and the next open fails. */
    public synchronized void unplug(String path) {
        FakeSerialLink link = plugged.remove(path);
        if (link != null) {
            link.unplug();
        }
    }

    /** Every successful open as {@code path@baud}. */
    public synchronized List<String> opened() {
        return List.copyOf(opened);
    }

    @Override
    public synchronized SerialLink open(String port, int baud) throws IOException {
        FakeSerialLink link = plugged.get(port);
        if (link == null || link.closed()) {
            throw new IOException("no such serial port " + port);
        }
        opened.add(port + "@" + baud);
        return link;
    }
}
