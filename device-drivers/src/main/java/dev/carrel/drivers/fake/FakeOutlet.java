package dev.carrel.drivers.fake;

import dev.carrel.drivers.EnergyReading;
import dev.carrel.drivers.Listeners;
import dev.carrel.drivers.Outlet;
import dev.carrel.drivers.OutletState;
import dev.carrel.drivers.Power;
import java.util.function.Consumer;

/** An outlet a test switches, meters and presses the button of. */
public final class FakeOutlet extends FakeDevice implements Outlet {

    private final Listeners<OutletState> listeners;
    private OutletState state = OutletState.of(false);
    private int commands;

    public FakeOutlet(String id) {
        super(id);
        this.listeners = new Listeners<>(id);
    }

    @Override
    public void power(boolean on) {
        synchronized (this) {
            commands++;
        }
        update(on ? Power.ON : Power.OFF);
    }

    @Override
    public synchronized OutletState state() {
        return state;
    }

    @Override
    public void onChange(Consumer<OutletState> listener) {
        listeners.add(listener);
    }

    /** As if someone pressed the plug's own button. */
    public void pressButton() {
        update(state().power() == Power.ON ? Power.OFF : Power.ON);
    }

    /** As if the plug reported a meter reading. */
    public void meter(EnergyReading reading) {
        OutletState s;
        synchronized (this) {
            state = state.withEnergy(reading);
            s = state;
        }
        listeners.emit(s);
    }

    /** How many times {@link #power} was called. */
    public synchronized int commands() {
        return commands;
    }

    private void update(Power p) {
        OutletState s;
        synchronized (this) {
            state = state.withPower(p);
            s = state;
        }
        listeners.emit(s);
    }
}
