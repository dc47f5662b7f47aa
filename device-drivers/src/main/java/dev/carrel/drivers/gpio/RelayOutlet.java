package dev.carrel.drivers.gpio;

import dev.carrel.drivers.DriverFault;
import dev.carrel.drivers.Listeners;
import dev.carrel.drivers.Outlet;
import dev.carrel.drivers.OutletState;
import java.util.Optional;
import java.util.function.Consumer;

/** A desk outlet switched by a relay. It cannot meter, so its state never carries energy. */
public final class RelayOutlet implements Outlet {

    private final String id;
    private final Relay relay;
    private final Listeners<OutletState> listeners;

    public RelayOutlet(String id, Relay relay) {
        this.id = id;
        this.relay = relay;
        this.listeners = new Listeners<>(id);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void power(boolean on) {
        boolean was = relay.energised();
        relay.energise(on);
        if (was != on) {
            listeners.emit(state());
        }
    }

    @Override
    public OutletState state() {
        return OutletState.of(relay.energised());
    }

    @Override
    public void onChange(Consumer<OutletState> listener) {
        listeners.add(listener);
    }

    @Override
    public Optional<DriverFault> fault() {
        return relay.line().fault();
    }

    @Override
    public void close() {
        relay.close();
    }
}
