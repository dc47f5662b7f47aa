package dev.carrel.drivers.config;

import dev.carrel.drivers.Backoff;
import dev.carrel.drivers.Device;
import dev.carrel.drivers.FaultListener;
import dev.carrel.drivers.Hardware;
import dev.carrel.drivers.Scheduler;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds a {@link Device} for each configured endpoint. Not thread-safe: the agent builds its
 * devices at start-up on one thread. {@link #close()} releases what endpoints share (MCP23017
 * expanders); the agent closes each device itself.
 *
 * <pre>{@code
 * var factory = new DriverFactory(hardware, scheduler, faults);
 * Lamp lamp = factory.create(new EndpointSpec("seat-12-lamp", "gpio-relay-lamp",
 *         Map.of("pin", "17", "active-low", "true")), Lamp.class);
 * }</pre>
 */
public final class DriverFactory implements AutoCloseable {

    private final List<DriverFamily> families;
    private final Map<String, DriverFamily> byName = new TreeMap<>();

    public DriverFactory(Hardware hardware, Scheduler scheduler, FaultListener faults) {
        this(hardware, scheduler, faults, Backoff.DEFAULT);
    }

    public DriverFactory(Hardware hardware, Scheduler scheduler, FaultListener faults, Backoff backoff) {
        Wiring wiring = new Wiring(hardware, scheduler, faults, backoff);
        this.families = List.of(
                new FakeDrivers(),
                new GpioDrivers(wiring),
                new SerialDrivers(wiring),
                new NetworkDrivers(wiring),
                new CameraDrivers(wiring));
        for (DriverFamily f : families) {
            f.names().forEach(n -> byName.put(n, f));
        }
    }

    /** Every driver name this factory accepts. */
    public SortedSet<String> drivers() {
        return new TreeSet<>(byName.keySet());
    }

    /**
     * @throws EndpointConfigException for an unknown driver or a missing, malformed or unknown
     *     setting
     * @throws IllegalStateException when the hardware refuses (message names the endpoint)
     */
    public Device create(EndpointSpec spec) {
        DriverFamily family = byName.get(spec.driver());
        if (family == null) {
            throw new EndpointConfigException(
                    spec.id(), "driver", "names no known driver '" + spec.driver() + "'; known: " + drivers());
        }
        try {
            return family.create(spec.driver(), new Settings(spec));
        } catch (EndpointConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "endpoint '" + spec.id() + "' (" + spec.driver() + ") could not start: " + e.getMessage(), e);
        }
    }

    /** Like {@link #create(EndpointSpec)}, and checks the driver provides the port the agent wants. */
    public <T extends Device> T create(EndpointSpec spec, Class<T> port) {
        Device d = create(spec);
        if (!port.isInstance(d)) {
            d.close();
            throw new EndpointConfigException(
                    spec.id(), "driver", "'" + spec.driver() + "' is not a " + port.getSimpleName());
        }
        return port.cast(d);
    }

    @Override
    public void close() {
        families.forEach(DriverFamily::close);
    }
}
