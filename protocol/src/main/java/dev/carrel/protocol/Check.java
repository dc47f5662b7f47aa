package dev.carrel.protocol;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Validation used by the records' compact constructors; each failure names its field. */
final class Check {
    /** Ids of endpoints, seats, readers, gates: short, printable, no MQTT wildcard or level separator. */
    private static final Pattern LOCAL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private Check() {}

    static <T> T present(String field, T value) {
        if (value == null) {
            throw new InvalidFieldException(field, "is required");
        }
        return value;
    }

    static <T> Optional<T> optional(String field, Optional<T> value) {
        return Objects.requireNonNullElse(value, Optional.empty());
    }

    static String text(String field, String value, int maxLength) {
        present(field, value);
        if (value.isBlank()) {
            throw new InvalidFieldException(field, "must not be blank");
        }
        if (value.length() > maxLength) {
            throw new InvalidFieldException(field, "is longer than " + maxLength + " characters");
        }
        return value;
    }

    static String localId(String field, String value) {
        present(field, value);
        if (!LOCAL_ID.matcher(value).matches()) {
            throw new InvalidFieldException(
                    field, "must be 1-64 characters of letters, digits, '.', '_', ':' or '-', got '" + value + "'");
        }
        return value;
    }

    static long range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidFieldException(field, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    static int range(String field, int value, int min, int max) {
        return (int) range(field, (long) value, min, max);
    }

    static double range(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new InvalidFieldException(field, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    static <T> List<T> list(String field, List<T> value, int maxSize) {
        present(field, value);
        if (value.size() > maxSize) {
            throw new InvalidFieldException(field, "has more than " + maxSize + " entries");
        }
        for (int i = 0; i < value.size(); i++) {
            present(field + "[" + i + "]", value.get(i));
        }
        return List.copyOf(value);
    }

    static <K, V> Map<K, V> map(String field, Map<K, V> value, int maxSize) {
        present(field, value);
        if (value.size() > maxSize) {
            throw new InvalidFieldException(field, "has more than " + maxSize + " entries");
        }
        return Map.copyOf(value);
    }
}
