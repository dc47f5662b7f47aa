package dev.carrel.drivers.fake;

import dev.carrel.drivers.Lamp;
import dev.carrel.drivers.LampState;
import java.util.ArrayList;
import java.util.List;

/** A lamp that remembers what it was told, in order. */
public final class FakeLamp extends FakeDevice implements Lamp {

    private final boolean dimmable;
    private final List<LampState> history = new ArrayList<>();
    private LampState state = LampState.OFF;

    public FakeLamp(String id, boolean dimmable) {
        super(id);
        this.dimmable = dimmable;
    }

    @Override
    public synchronized void power(boolean on) {
        set(on ? new LampState(true, state.on() ? state.brightness() : 100) : LampState.OFF);
    }

    @Override
    public boolean dimmable() {
        return dimmable;
    }

    @Override
    public synchronized void brightness(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("brightness must be 0-100: " + percent);
        }
        set(percent == 0 ? LampState.OFF : new LampState(true, dimmable ? percent : 100));
    }

    @Override
    public synchronized LampState state() {
        return state;
    }

    /** Every state the lamp was put in, oldest first. */
    public synchronized List<LampState> history() {
        return List.copyOf(history);
    }

    private void set(LampState s) {
        state = s;
        history.add(s);
    }
}
