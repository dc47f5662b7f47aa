package dev.carrel.drivers;

import java.time.Duration;

/**
 * A gate or door strike opened by a pulse. The interlock guarantees the gate is never held open by
 * a stuck command: each pulse is capped, repeated pulses cannot keep it open past a maximum, and
 * after that maximum the gate stays closed for a short lock-out.
 */
public interface GateActuator extends Device {

    /** Opens for the configured pulse. */
    void pulse();

    /** Opens for {@code length}, capped by the configured maximum. */
    void pulse(Duration length);

    GateState state();
}
