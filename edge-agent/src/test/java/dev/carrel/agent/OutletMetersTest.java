package dev.carrel.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.carrel.agent.devices.AgentDevices;
import dev.carrel.agent.seats.DeviceSeatEffects;
import dev.carrel.agent.seats.MutableClock;
import dev.carrel.drivers.EnergyReading;
import dev.carrel.drivers.FaultListener;
import dev.carrel.drivers.Hardware;
import dev.carrel.drivers.SystemScheduler;
import dev.carrel.drivers.config.DriverFactory;
import dev.carrel.drivers.config.EndpointSpec;
import dev.carrel.drivers.fake.FakeOutlet;
import dev.carrel.protocol.EventBody;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutletMetersTest {
    private final List<EventBody> events = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T09:00:00Z"));
    private SystemScheduler scheduler;
    private AgentDevices devices;
    private DeviceSeatEffects effects;
    private FakeOutlet plug;

    @BeforeEach
    void start() {
        scheduler = new SystemScheduler();
        devices = new AgentDevices(
                List.of(new EndpointSpec("desk-1-outlet", "fake-outlet", Map.of())),
                new DriverFactory(Hardware.none(), scheduler, FaultListener.ignoring()));
        effects = new DeviceSeatEffects(devices, events::add);
        new OutletMeters(Duration.ofSeconds(5), clock, effects::publish).listen(devices);
        plug = devices.find("desk-1-outlet", FakeOutlet.class).orElseThrow();
    }

    @AfterEach
    void stop() {
        devices.close();
        scheduler.close();
    }

    @Test
    void readings_arePublishedAtMostOncePerInterval_andSwitchingIsLeftToWhoeverSwitched() {
        plug.power(true);
        assertEquals(List.of(), events, "a switch without a meter reading: the switcher publishes it");

        plug.meter(new EnergyReading(30.0, 1.5, clock.instant()));
        assertEquals(List.of(state(true, 30.0, 1500.0)), events);

        clock.advance(Duration.ofSeconds(2));
        plug.meter(new EnergyReading(32.0, 1.625, clock.instant()));
        assertEquals(1, events.size(), "held back: the next reading carries the total");

        clock.advance(Duration.ofSeconds(3));
        plug.meter(new EnergyReading(31.0, 1.75, clock.instant()));
        assertEquals(state(true, 31.0, 1750.0), events.getLast());

        clock.advance(Duration.ofSeconds(10));
        plug.power(false); // the same reading as before: no new meter report
        assertEquals(2, events.size());
        effects.publish(plug);
        assertEquals(state(false, 0.0, 1750.0), events.getLast(), "an off outlet draws nothing");
    }

    private static EventBody.OutletState state(boolean on, double watts, double wh) {
        return new EventBody.OutletState("desk-1-outlet", on, Optional.of(watts), Optional.of(wh));
    }
}
