package dev.carrel.drivers.fake;

import dev.carrel.drivers.Listeners;
import dev.carrel.drivers.Presence;
import dev.carrel.drivers.PresenceChange;
import dev.carrel.drivers.PresenceSensor;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A presence sensor whose settled state a test sets directly with {@link #set}; listeners are
 * called on the caller's thread, like Pi4J's {@code mockState}.
 */
public final class FakePresenceSensor extends FakeDevice implements PresenceSensor {

    private final Listeners<PresenceChange> listeners;
    private volatile Presence presence = Presence.UNKNOWN;

    public FakePresenceSensor(String id) {
        super(id);
        this.listeners = new Listeners<>(id);
    }

    @Override
    public Presence presence() {
        return presence;
    }

    @Override
    public void onChange(Consumer<PresenceChange> listener) {
        listeners.add(listener);
    }

    /** Sets the presence and, if it changed, tells the listeners. */
    public void set(Presence p) {
        set(p, Instant.now());
    }

    public void set(Presence p, Instant at) {
        if (presence == p) {
            return;
        }
        presence = p;
        listeners.emit(new PresenceChange(id(), p, at));
    }
}
