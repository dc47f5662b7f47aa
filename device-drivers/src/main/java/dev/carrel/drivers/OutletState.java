package dev.carrel.drivers;

import java.util.Objects;
import java.util.Optional;

/**
 * An outlet's power and, for plugs that meter, the latest energy reading.
 *
 * @param power on, off or not yet known
 * @param energy the last reading, empty for outlets that cannot measure
 */
public record OutletState(Power power, Optional<EnergyReading> energy) {

    public static final OutletState UNKNOWN = new OutletState(Power.UNKNOWN, Optional.empty());

    public OutletState {
        Objects.requireNonNull(power, "power");
        Objects.requireNonNull(energy, "energy");
    }

    public static OutletState of(boolean on) {
        return new OutletState(on ? Power.ON : Power.OFF, Optional.empty());
    }

    public OutletState withPower(Power p) {
        return new OutletState(p, energy);
    }

    public OutletState withEnergy(EnergyReading e) {
        return new OutletState(power, Optional.of(e));
    }
}
