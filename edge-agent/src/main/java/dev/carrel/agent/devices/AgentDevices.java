package dev.carrel.agent.devices;

import dev.carrel.drivers.CredentialReader;
import dev.carrel.drivers.Device;
import dev.carrel.drivers.GateActuator;
import dev.carrel.drivers.Indicator;
import dev.carrel.drivers.Lamp;
import dev.carrel.drivers.Outlet;
import dev.carrel.drivers.PresenceSensor;
import dev.carrel.drivers.config.DriverFactory;
import dev.carrel.drivers.config.EndpointSpec;
import dev.carrel.protocol.Endpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The agent's devices, made once at start-up from the configured endpoints by the drivers' factory. A
 * wrong setting fails the start with an error naming the endpoint; a device that fails later reports a
 * fault and is retried by its driver, it never stops the agent.
 */
public final class AgentDevices implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AgentDevices.class.getName());

    private final Map<String, Device> devices = new LinkedHashMap<>();
    private final DriverFactory factory;

    public AgentDevices(List<EndpointSpec> endpoints, DriverFactory factory) {
        this.factory = factory;
        try {
            for (EndpointSpec spec : endpoints) {
                devices.put(spec.id(), factory.create(spec));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public <T extends Device> Optional<T> find(String id, Class<T> port) {
        Device d = devices.get(id);
        return port.isInstance(d) ? Optional.of(port.cast(d)) : Optional.empty();
    }

    public <T extends Device> List<T> all(Class<T> port) {
        return devices.values().stream()
                .filter(port::isInstance)
                .map(port::cast)
                .toList();
    }

    public Optional<Device> find(String id) {
        return Optional.ofNullable(devices.get(id));
    }

    /** The endpoints as the birth announces them. */
    public List<Endpoint> endpoints() {
        List<Endpoint> out = new ArrayList<>();
        devices.forEach((id, d) -> out.add(new Endpoint(id, kind(d))));
        return out;
    }

    private static Endpoint.Kind kind(Device d) {
        return switch (d) {
            case Lamp l -> l.dimmable() ? Endpoint.Kind.DIMMABLE_LAMP : Endpoint.Kind.LAMP;
            case Outlet o -> Endpoint.Kind.OUTLET;
            case PresenceSensor p -> Endpoint.Kind.PRESENCE_SENSOR;
            case CredentialReader r -> Endpoint.Kind.CREDENTIAL_READER;
            case GateActuator g -> Endpoint.Kind.GATE;
            case Indicator i -> Endpoint.Kind.INDICATOR;
            default -> Endpoint.Kind.KIOSK;
        };
    }

    /** Devices reporting a fault now. */
    public int faulted() {
        return (int)
                devices.values().stream().filter(d -> d.fault().isPresent()).count();
    }

    @Override
    public void close() {
        for (Device d : devices.values()) {
            try {
                d.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing device " + d.id(), e);
            }
        }
        devices.clear();
        factory.close();
    }
}
