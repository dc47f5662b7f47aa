package dev.carrel.drivers.config;

import java.util.Map;
import java.util.Objects;

/**
 * One configured device, as the agent parsed it.
 *
 * @param id the endpoint id, unique on the agent, e.g. {@code seat-12-lamp}
 * @param driver a driver name from {@link DriverFactory#drivers()}, e.g. {@code gpio-relay-lamp}
 * @param settings dashed lower-case keys to string values, e.g. {@code pin=17}, {@code
 *     active-low=true}
 */
public record EndpointSpec(String id, String driver, Map<String, String> settings) {

    public EndpointSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(driver, "driver");
        settings = Map.copyOf(settings);
    }
}
