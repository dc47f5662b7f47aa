package dev.carrel.drivers;

import java.util.function.Consumer;

/**
 * A switchable power outlet at a desk: a relay, or a smart plug on the network. A smart plug can
 * also be switched by its own button, so state changes arrive through {@link #onChange}.
 */
public interface Outlet extends Device {

    void power(boolean on);

    OutletState state();

    /** Called on a driver thread on every change of power or a new energy reading. */
    void onChange(Consumer<OutletState> listener);
}
