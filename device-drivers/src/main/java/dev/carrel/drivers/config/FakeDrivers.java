package dev.carrel.drivers.config;

import dev.carrel.drivers.Device;
import dev.carrel.drivers.fake.FakeCredentialReader;
import dev.carrel.drivers.fake.FakeGateActuator;
import dev.carrel.drivers.fake.FakeIndicator;
import dev.carrel.drivers.fake.FakeLamp;
import dev.carrel.drivers.fake.FakeOutlet;
import dev.carrel.drivers.fake.FakePresenceSensor;
import java.util.Set;

/** {@code fake-*} drivers, for the demo's simulated agents and for trying a configuration. */
final class FakeDrivers implements DriverFamily {

    @Override
    public Set<String> names() {
        return Set.of("fake-lamp", "fake-outlet", "fake-presence", "fake-reader", "fake-gate", "fake-indicator");
    }

    @Override
    public Device create(String driver, Settings s) {
        String id = s.endpointId();
        boolean dimmable = driver.equals("fake-lamp") && s.flag("dimmable", false);
        s.rejectUnknown();
        return switch (driver) {
            case "fake-lamp" -> new FakeLamp(id, dimmable);
            case "fake-outlet" -> new FakeOutlet(id);
            case "fake-presence" -> new FakePresenceSensor(id);
            case "fake-reader" -> new FakeCredentialReader(id);
            case "fake-gate" -> new FakeGateActuator(id);
            case "fake-indicator" -> new FakeIndicator(id);
            default -> throw new IllegalArgumentException(driver);
        };
    }
}
