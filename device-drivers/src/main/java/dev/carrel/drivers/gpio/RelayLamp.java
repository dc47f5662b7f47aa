package dev.carrel.drivers.gpio;

import dev.carrel.drivers.DriverFault;
import dev.carrel.drivers.Lamp;
import dev.carrel.drivers.LampState;
import java.util.Optional;

/** An on/off lamp switched by a relay (on a GPIO pin or an expander channel). */
public final class RelayLamp implements Lamp {

    private final String id;
    private final Relay relay;

    public RelayLamp(String id, Relay relay) {
        this.id = id;
        this.relay = relay;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void power(boolean on) {
        relay.energise(on);
    }

    @Override
    public boolean dimmable() {
        return false;
    }

    @Override
    public void brightness(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("brightness must be 0-100: " + percent);
        }
        relay.energise(percent > 0);
    }

    @Override
    public LampState state() {
        return relay.energised() ? LampState.FULL : LampState.OFF;
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
