package dev.carrel.agent.seats;

import dev.carrel.agent.devices.AgentDevices;
import dev.carrel.drivers.Indicator;
import dev.carrel.drivers.Lamp;
import dev.carrel.drivers.LampState;
import dev.carrel.drivers.Outlet;
import dev.carrel.drivers.OutletState;
import dev.carrel.drivers.Power;
import dev.carrel.drivers.Signal;
import dev.carrel.protocol.EventBody;
import java.util.function.Consumer;

/**
 * Seat effects on the real (or simulated) devices: lamp and outlet switched together, then their state as
 * the devices report it published as events, so the hub shows what is, not what was asked.
 */
public final class DeviceSeatEffects implements SeatEffects {
    private final AgentDevices devices;
    private final Consumer<EventBody> events;

    public DeviceSeatEffects(AgentDevices devices, Consumer<EventBody> events) {
        this.devices = devices;
        this.events = events;
    }

    @Override
    public void power(SeatBinding seat, boolean on) {
        seat.lamp().flatMap(id -> devices.find(id, Lamp.class)).ifPresent(lamp -> {
            lamp.power(on);
            publish(lamp);
        });
        seat.outlet().flatMap(id -> devices.find(id, Outlet.class)).ifPresent(outlet -> {
            outlet.power(on);
            publish(outlet);
        });
    }

    @Override
    public void warn(SeatBinding seat) {
        seat.lamp().flatMap(id -> devices.find(id, Lamp.class)).ifPresent(lamp -> {
            // A short off-on: the closing-time blink libraries use instead of an announcement.
            boolean wasOn = lamp.state().on();
            lamp.power(!wasOn);
            lamp.power(wasOn);
        });
    }

    @Override
    public void attention(SeatBinding seat, boolean on) {
        seat.indicator().flatMap(id -> devices.find(id, Indicator.class)).ifPresent(indicator -> {
            if (on) {
                indicator.show(Signal.ATTENTION);
            } else {
                indicator.clear();
            }
        });
    }

    @Override
    public void publish(EventBody event) {
        events.accept(event);
    }

    public void publish(Lamp lamp) {
        LampState s = lamp.state();
        events.accept(new EventBody.LampState(lamp.id(), s.on(), s.on() ? s.brightness() : 0));
    }

    public void publish(Outlet outlet) {
        OutletState s = outlet.state();
        if (s.power() == Power.UNKNOWN) {
            return; // a network plug that has not answered yet: its own report will follow
        }
        boolean on = s.power() == Power.ON;
        // Just switched off, the plug's last reading still shows the load it had; an off outlet draws nothing.
        events.accept(new EventBody.OutletState(
                outlet.id(),
                on,
                s.energy().map(e -> on ? e.watts() : 0.0),
                s.energy().map(e -> e.totalKwh() * 1000.0)));
    }
}
