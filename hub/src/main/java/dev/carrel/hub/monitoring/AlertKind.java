package dev.carrel.hub.monitoring;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an alert is about; {@link #wire()} is how the API and the store spell it. */
public enum AlertKind {
    /** The agent has been offline longer than the configured time. */
    OFFLINE,
    /** A fault event from a credential reader (card, QR, NFC). */
    READER_FAULT,
    /** A fault event from any other endpoint (lamp, outlet, sensor, gate). */
    DEVICE_FAULT,
    /** The agent's outbox holds more events than the configured threshold: it cannot deliver them. */
    OUTBOX_BACKLOG,
    /** The agent's CPU is hotter than the configured threshold. */
    HIGH_TEMPERATURE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AlertKind> fromWire(String wire) {
        return Arrays.stream(values()).filter(k -> k.wire().equals(wire)).findFirst();
    }
}
