package dev.carrel.drivers;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The listeners of one device. {@link #emit} calls each in turn and logs, never rethrows, what a
 * listener throws: one bad listener must not stop the driver or the other listeners.
 */
public final class Listeners<T> {

    private static final Logger LOG = Logger.getLogger(Listeners.class.getName());

    private final String deviceId;
    private final List<Consumer<T>> all = new CopyOnWriteArrayList<>();

    public Listeners(String deviceId) {
        this.deviceId = deviceId;
    }

    public void add(Consumer<T> listener) {
        all.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    public void emit(T value) {
        for (Consumer<T> l : all) {
            try {
                l.accept(value);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "listener of " + deviceId + " failed", e);
            }
        }
    }
}
