package dev.carrel.drivers.fake;

import dev.carrel.drivers.GateActuator;
import dev.carrel.drivers.GateState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A gate that records its pulses. It opens on a pulse and stays open until the test calls {@link
 * #passThrough()} (it has no timer of its own; use the relay gate with a ManualScheduler to test
 * timing).
 */
public final class FakeGateActuator extends FakeDevice implements GateActuator {

    private final Duration defaultPulse;
    private final List<Duration> pulses = new ArrayList<>();
    private GateState state = GateState.CLOSED;

    public FakeGateActuator(String id) {
        this(id, Duration.ofSeconds(3));
    }

    public FakeGateActuator(String id, Duration defaultPulse) {
        super(id);
        this.defaultPulse = defaultPulse;
    }

    @Override
    public void pulse() {
        pulse(defaultPulse);
    }

    @Override
    public synchronized void pulse(Duration length) {
        pulses.add(length);
        state = GateState.OPEN;
    }

    @Override
    public synchronized GateState state() {
        return state;
    }

    /** The gate closes again, as after the patron walked through. */
    public synchronized void passThrough() {
        state = GateState.CLOSED;
    }

    public synchronized List<Duration> pulses() {
        return List.copyOf(pulses);
    }
}
