package dev.carrel.agent;

import dev.carrel.agent.devices.AgentDevices;
import dev.carrel.drivers.EnergyReading;
import dev.carrel.drivers.Outlet;
import dev.carrel.drivers.OutletState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Publishes metering plugs' own readings as {@code outlet_state} events, at most one per outlet per interval
 * (the telemetry interval): a plug may report every few seconds, and its energy is a running total, so a
 * reading held back loses nothing: the next one carries it. Switching is published at once by whoever switched
 * (seat effects, commands); a change that brings no new meter reading is left to them.
 */
final class OutletMeters {
    private final Duration every;
    private final Clock clock;
    private final Consumer<Outlet> publish;
    private final Map<String, EnergyReading> seen = new ConcurrentHashMap<>();
    private final Map<String, Instant> published = new ConcurrentHashMap<>();

    OutletMeters(Duration every, Clock clock, Consumer<Outlet> publish) {
        this.every = every;
        this.clock = clock;
        this.publish = publish;
    }

    void listen(AgentDevices devices) {
        for (Outlet outlet : devices.all(Outlet.class)) {
            outlet.onChange(state -> changed(outlet, state));
        }
    }

    void changed(Outlet outlet, OutletState state) {
        Optional<EnergyReading> reading = state.energy();
        if (reading.isEmpty() || reading.get().equals(seen.put(outlet.id(), reading.get()))) {
            return; // no meter, or a switch: published by whoever switched
        }
        Instant now = clock.instant();
        Instant last = published.get(outlet.id());
        if (last != null && Duration.between(last, now).compareTo(every) < 0) {
            return;
        }
        published.put(outlet.id(), now);
        publish.accept(outlet);
    }
}
