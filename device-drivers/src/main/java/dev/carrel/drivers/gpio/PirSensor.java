package dev.carrel.drivers.gpio;

import dev.carrel.drivers.DriverFault;
import dev.carrel.drivers.Presence;
import dev.carrel.drivers.PresenceChange;
import dev.carrel.drivers.PresenceFilter;
import dev.carrel.drivers.PresenceSensor;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A PIR motion sensor (HC-SR501, AM312) on a GPIO input: high while it sees motion. A PIR sees
 * motion, not presence, so the hold time of the {@link PresenceFilter} is what keeps a still reader
 * "present"; configure it longer than the sensor's own retrigger time.
 */
public final class PirSensor implements PresenceSensor {

    private final String id;
    private final InputLine line;
    private final PresenceFilter filter;

    public PirSensor(String id, InputLine line, boolean activeLow, PresenceFilter filter) {
        this.id = id;
        this.line = line;
        this.filter = filter;
        line.onLevel(high -> filter.raw(high != activeLow));
        filter.raw(line.high() != activeLow);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Presence presence() {
        return filter.presence();
    }

    @Override
    public void onChange(Consumer<PresenceChange> listener) {
        filter.onChange(listener);
    }

    @Override
    public Optional<DriverFault> fault() {
        return Optional.empty();
    }

    @Override
    public void close() {
        line.close();
    }
}
