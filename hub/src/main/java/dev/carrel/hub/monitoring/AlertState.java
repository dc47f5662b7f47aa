package dev.carrel.hub.monitoring;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** An alert's life: open until staff acknowledge it, resolved when its cause clears or staff resolve it. */
public enum AlertState {
    OPEN,
    ACKNOWLEDGED,
    RESOLVED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AlertState> fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst();
    }
}
