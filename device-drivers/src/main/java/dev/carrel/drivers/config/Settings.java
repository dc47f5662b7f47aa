package dev.carrel.drivers.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, validated reads of one endpoint's settings. Remembers which keys were read so {@link
 * #rejectUnknown()} can refuse a misspelt key ({@code activelow}) instead of silently ignoring it.
 */
final class Settings {

    private final String endpointId;
    private final Map<String, String> values;
    private final Set<String> read = new HashSet<>();

    Settings(EndpointSpec spec) {
        this.endpointId = spec.id();
        this.values = spec.settings();
    }

    String endpointId() {
        return endpointId;
    }

    String string(String key) {
        return optional(key).orElseThrow(() -> error(key, "is missing"));
    }

    String string(String key, String fallback) {
        return optional(key).orElse(fallback);
    }

    Optional<String> optional(String key) {
        read.add(key);
        String v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v.isBlank()) {
            throw error(key, "is empty");
        }
        return Optional.of(v.trim());
    }

    int integer(String key, int min, int max) {
        return parseInt(key, string(key), min, max);
    }

    int integer(String key, int fallback, int min, int max) {
        return optional(key).map(v -> parseInt(key, v, min, max)).orElse(fallback);
    }

    Optional<Integer> optionalInteger(String key, int min, int max) {
        return optional(key).map(v -> parseInt(key, v, min, max));
    }

    /** A BCM GPIO number, 0–27 on a 40-pin Raspberry Pi header. */
    int pin(String key) {
        return integer(key, 0, 27);
    }

    boolean flag(String key, boolean fallback) {
        return optional(key)
                .map(v -> switch (v.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on" -> true;
                    case "false", "no", "off" -> false;
                    default -> throw error(key, "must be true or false, was '" + v + "'");
                })
                .orElse(fallback);
    }

    Duration millis(String key, long fallback, long max) {
        long ms = optional(key).map(v -> (long) parseInt(key, v, 0, (int) max)).orElse(fallback);
        return Duration.ofMillis(ms);
    }

    <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return fallback;
        }
        String wanted = v.get().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(wanted)) {
                return e;
            }
        }
        Set<String> allowed = new TreeSet<>();
        for (E e : type.getEnumConstants()) {
            allowed.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw error(key, "must be one of " + allowed + ", was '" + v.get() + "'");
    }

    /** Throws for the first key that no read asked for. Call after reading every key. */
    void rejectUnknown() {
        for (String k : new TreeSet<>(values.keySet())) {
            if (!read.contains(k)) {
                throw error(k, "is not a setting of this driver");
            }
        }
    }

    EndpointConfigException error(String key, String problem) {
        return new EndpointConfigException(endpointId, key, problem);
    }

    private int parseInt(String key, String v, int min, int max) {
        int n;
        try {
            n = v.startsWith("0x") || v.startsWith("0X") ? Integer.parseInt(v.substring(2), 16) : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw error(key, "must be a whole number, was '" + v + "'");
        }
        if (n < min || n > max) {
            throw error(key, "must be between " + min + " and " + max + ", was " + n);
        }
        return n;
    }
}
