package dev.carrel.drivers.serial;

import dev.carrel.drivers.Backoff;
import dev.carrel.drivers.DriverFault;
import dev.carrel.drivers.FaultListener;
import dev.carrel.drivers.Reconnector;
import dev.carrel.drivers.Scheduler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps one serial device open and its bytes flowing to a {@link Session}: opens the port, reads on
 * a daemon thread, and when the port fails (adapter unplugged, pty closed) faults and reopens with
 * back-off through a {@link Reconnector}. Nothing thrown by the port or the session escapes.
 */
public final class SerialConnection implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SerialConnection.class.getName());

    /** What the device does with its port. Both methods run on the connection's threads. */
    public interface Session {
        /** The port has just (re)opened: send wake-up or configuration here. */
        default void opened(SerialConnection connection) throws IOException {}

        /** Bytes read; {@code data} is reused after the call. */
        void bytes(byte[] data, int length);
    }

    /** Where to open. */
    public record Port(SerialPorts ports, String path, int baud) {}

    private final String deviceId;
    private final Port port;
    private final Session session;
    private final Reconnector reconnector;
    private SerialLink link;
    private boolean closed;

    public SerialConnection(
            String deviceId, Port port, Scheduler scheduler, FaultListener faults, Backoff backoff, Session session) {
        this.deviceId = deviceId;
        this.port = port;
        this.session = session;
        this.reconnector = new Reconnector(deviceId, scheduler, faults, backoff, this::open);
    }

    public void start() {
        reconnector.start();
    }

    /** Writes to the port; on failure the connection is treated as lost. Returns false if down. */
    public boolean write(byte[] data) {
        SerialLink l;
        synchronized (this) {
            l = link;
        }
        if (l == null) {
            return false;
        }
        try {
            synchronized (l) {
                l.output().write(data);
                l.output().flush();
            }
            return true;
        } catch (IOException e) {
            lost(l, "write to " + port.path() + " failed: " + e.getMessage());
            return false;
        }
    }

    /** The device stopped answering although the port is open: close and reopen it. */
    public void reset(String reason) {
        SerialLink l;
        synchronized (this) {
            l = link;
        }
        if (l != null) {
            lost(l, reason);
        }
    }

    public Optional<DriverFault> fault() {
        return reconnector.fault();
    }

    private void open() throws IOException {
        SerialLink l = port.ports().open(port.path(), port.baud());
        synchronized (this) {
            if (closed) {
                l.close();
                return;
            }
            link = l;
        }
        try {
            session.opened(this);
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                link = null;
            }
            l.close();
            throw new IOException("initialising " + port.path() + " failed: " + e.getMessage(), e);
        }
        Thread reader = new Thread(() -> readLoop(l), "serial-" + deviceId);
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop(SerialLink l) {
        byte[] buf = new byte[4096];
        InputStream in = l.input();
        try {
            while (current(l)) {
                int n = in.read(buf, 0, buf.length);
                if (n < 0) {
                    throw new IOException("end of stream");
                }
                if (n > 0) {
                    deliver(buf, n);
                }
            }
        } catch (IOException e) {
            lost(l, port.path() + " lost: " + e.getMessage());
        }
    }

    private void deliver(byte[] buf, int n) {
        try {
            session.bytes(buf, n);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "session of " + deviceId + " failed on input", e);
        }
    }

    private synchronized boolean current(SerialLink l) {
        return !closed && link == l;
    }

    private void lost(SerialLink l, String reason) {
        synchronized (this) {
            if (closed || link != l) {
                return; // already handled, or a reader of an old link
            }
            link = null;
        }
        l.close();
        reconnector.lost(reason);
    }

    @Override
    public void close() {
        SerialLink l;
        synchronized (this) {
            closed = true;
            l = link;
            link = null;
        }
        reconnector.close();
        if (l != null) {
            l.close();
        }
    }
}
