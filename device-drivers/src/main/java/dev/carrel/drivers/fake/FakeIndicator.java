package dev.carrel.drivers.fake;

import dev.carrel.drivers.Indicator;
import dev.carrel.drivers.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An indicator that records what it showed. */
public final class FakeIndicator extends FakeDevice implements Indicator {

    private final List<Signal> shown = new ArrayList<>();
    private Optional<Signal> current = Optional.empty();

    public FakeIndicator(String id) {
        super(id);
    }

    @Override
    public synchronized void show(Signal signal) {
        shown.add(signal);
        current = Optional.of(signal);
    }

    @Override
    public synchronized void clear() {
        current = Optional.empty();
    }

    /** The signal showing now, empty after {@link #clear()}. */
    public synchronized Optional<Signal> current() {
        return current;
    }

    /** Every signal shown, oldest first. */
    public synchronized List<Signal> shown() {
        return List.copyOf(shown);
    }
}
