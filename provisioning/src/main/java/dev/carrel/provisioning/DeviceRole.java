package dev.carrel.provisioning;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a planned device will be: the role decides its initial configuration and its agent id's prefix. */
public enum DeviceRole {
    GATE_KIOSK("gate-kiosk"),
    READING_ROOM("reading-room"),
    ROOM_DOOR("room-door");

    private final String text;

    DeviceRole(String text) {
        this.text = text;
    }

    /** The dashed name used in JSON, YAML and agent ids. */
    public String text() {
        return text;
    }

    /** Parses the dashed name; anything else is an error that lists the accepted names. */
    public static DeviceRole of(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(r -> r.text.equals(v))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("role must be one of "
                        + Arrays.stream(values()).map(DeviceRole::text).collect(Collectors.joining(", "))
                        + ", not '" + value + "'"));
    }
}
