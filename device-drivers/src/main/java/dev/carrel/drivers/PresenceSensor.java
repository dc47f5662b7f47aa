package dev.carrel.drivers;

import java.util.function.Consumer;

/**
 * Whether someone is at a seat or in a room. Adapters apply a debounce (present only after the raw
 * signal has held for a while) and a hold time (absent only after the raw signal has been absent
 * for a while), so listeners see settled changes, not sensor chatter. Faults (a radar unplugged, a
 * Zigbee sensor offline) are reported through {@link #fault()} and the fault listener, and the
 * presence becomes {@link Presence#UNKNOWN}.
 */
public interface PresenceSensor extends Device {

    Presence presence();

    /** Called on a driver thread for each settled change. */
    void onChange(Consumer<PresenceChange> listener);
}
