package dev.carrel.demo;

import dev.carrel.agent.EdgeAgent;
import dev.carrel.drivers.EnergyReading;
import dev.carrel.drivers.Outlet;
import dev.carrel.drivers.OutletState;
import dev.carrel.drivers.Power;
import dev.carrel.drivers.fake.FakeOutlet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.WeakHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The demo's plugs meter what is plugged into them: while an outlet is on, a patron's laptop draws 5-60 W
 * (chosen when it comes on) and the plug's running total grows; switched off, it reports 0 W once. A restarted
 * agent has new plugs whose totals start from zero, as a real plug's do after a reset. The agent publishes the
 * readings ({@code outlet_state}) at most once per telemetry interval.
 */
final class DemoMeters {
    private final Function<String, Optional<EdgeAgent>> agents;
    private final Clock clock;
    private final Random random;
    // By plug instance, so a restarted agent's plugs start afresh; only the timer's thread touches it.
    private final Map<FakeOutlet, Draw> draws = new WeakHashMap<>();

    /** What is plugged in: its power, and when the total was last brought up to date. */
    private record Draw(double watts, Instant since) {}

    DemoMeters(Function<String, Optional<EdgeAgent>> agents, Clock clock, long seed) {
        this.agents = agents;
        this.clock = clock;
        this.random = new Random(seed);
    }

    void start(ScheduledExecutorService timer, Duration every) {
        timer.scheduleWithFixedDelay(this::tick, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void tick() {
        Instant now = clock.instant();
        for (String name : DemoLibrary.agents()) {
            agents.apply(name).ifPresent(agent -> agent.devices().all(Outlet.class).stream()
                    .filter(FakeOutlet.class::isInstance)
                    .map(FakeOutlet.class::cast)
                    .forEach(plug -> meter(plug, now)));
        }
    }

    private void meter(FakeOutlet plug, Instant now) {
        OutletState state = plug.state();
        double totalKwh = state.energy().map(EnergyReading::totalKwh).orElse(0.0);
        Draw draw = draws.get(plug);
        if (state.power() == Power.ON) {
            if (draw == null) {
                draw = new Draw(5 + random.nextInt(56), now);
            }
            double hours = Duration.between(draw.since(), now).toMillis() / 3_600_000.0;
            totalKwh += draw.watts() * hours / 1000.0;
            draws.put(plug, new Draw(draw.watts(), now));
            plug.meter(new EnergyReading(draw.watts(), totalKwh, now));
        } else if (draw != null) {
            draws.remove(plug);
            plug.meter(new EnergyReading(0.0, totalKwh, now));
        }
    }
}
