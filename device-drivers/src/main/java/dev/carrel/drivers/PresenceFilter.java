package dev.carrel.drivers;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Turns a chattering raw presence signal into settled changes: present only after the raw signal
 * has stayed present for {@code debounce}, absent only after it has stayed absent for {@code
 * hold}. A PIR's output drops between movements and a radar's target flickers, so the hold time is
 * what keeps a reader's lamp from going off while they turn a page.
 *
 * <p>Thread-safe; changes are emitted outside the lock.
 */
public final class PresenceFilter {

    private final String sensorId;
    private final Scheduler scheduler;
    private final Duration debounce;
    private final Duration hold;
    private final Listeners<PresenceChange> listeners;

    private Presence settled = Presence.UNKNOWN;
    private boolean raw;
    private boolean rawKnown;
    private Scheduler.Cancellable pending = Scheduler.Cancellable.NONE;

    public PresenceFilter(String sensorId, Scheduler scheduler, Duration debounce, Duration hold) {
        this.sensorId = sensorId;
        this.scheduler = scheduler;
        this.debounce = debounce;
        this.hold = hold;
        this.listeners = new Listeners<>(sensorId);
    }

    public void onChange(Consumer<PresenceChange> listener) {
        listeners.add(listener);
    }

    public synchronized Presence presence() {
        return settled;
    }

    /** Feeds one raw reading; repeated equal readings are harmless. */
    public void raw(boolean present) {
        Presence now;
        synchronized (this) {
            if (rawKnown && raw == present) {
                return;
            }
            rawKnown = true;
            raw = present;
            pending.cancel();
            pending = Scheduler.Cancellable.NONE;
            Presence target = present ? Presence.PRESENT : Presence.ABSENT;
            if (settled == target) {
                return;
            }
            Duration wait = present ? debounce : (settled == Presence.PRESENT ? hold : Duration.ZERO);
            if (!wait.isZero()) {
                pending = scheduler.schedule(wait, () -> settle(target));
                return;
            }
            settled = target;
            now = target;
        }
        emit(now);
    }

    /** The sensor is in fault: forget the raw signal and report {@link Presence#UNKNOWN}. */
    public void unknown() {
        synchronized (this) {
            pending.cancel();
            pending = Scheduler.Cancellable.NONE;
            rawKnown = false;
            if (settled == Presence.UNKNOWN) {
                return;
            }
            settled = Presence.UNKNOWN;
        }
        emit(Presence.UNKNOWN);
    }

    private void settle(Presence target) {
        synchronized (this) {
            boolean stillWanted = rawKnown && (raw == (target == Presence.PRESENT));
            if (!stillWanted || settled == target) {
                return;
            }
            settled = target;
        }
        emit(target);
    }

    private void emit(Presence p) {
        listeners.emit(new PresenceChange(sensorId, p, scheduler.now()));
    }
}
