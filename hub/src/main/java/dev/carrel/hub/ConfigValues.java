package dev.carrel.hub;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one configuration value and checks it, so every section of the hub's configuration answers a bad
 * value the same way: an {@link IllegalArgumentException} that names the full key and what it must be.
 */
public final class ConfigValues {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private ConfigValues() {}

    public static Optional<String> string(Config c, String key) {
        try {
            return c.get(key).asString().asOptional().map(String::strip);
        } catch (ConfigException e) {
            throw invalid(c.get(key), "must be a text value");
        }
    }

    public static int integer(Config c, String key, int fallback, int min, int max) {
        Optional<String> v = string(c, key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n < min || n > max) {
                throw invalid(c.get(key), "must be " + min + "-" + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw invalid(c.get(key), "must be a whole number, not '" + v.get() + "'");
        }
    }

    public static boolean bool(Config c, String key, boolean fallback) {
        return string(c, key)
                .map(v -> switch (v.toLowerCase(Locale.ROOT)) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw invalid(c.get(key), "must be true or false, not '" + v + "'");
                })
                .orElse(fallback);
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, or ISO-8601 such as {@code PT5M}; positive. */
    public static Duration duration(Config c, String key, Duration fallback) {
        Optional<String> value = string(c, key);
        if (value.isEmpty()) {
            return fallback;
        }
        Matcher m = DURATION.matcher(value.get().toLowerCase(Locale.ROOT));
        Duration d;
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                d = Duration.parse(value.get().toUpperCase(Locale.ROOT));
            }
        } catch (ArithmeticException | DateTimeParseException | NumberFormatException e) {
            throw invalid(c.get(key), "must be a duration such as 30s, 5m, 2h, 1d or PT5M, not '" + value.get() + "'");
        }
        if (d.isNegative() || d.isZero()) {
            throw invalid(c.get(key), "must be a positive duration, not '" + value.get() + "'");
        }
        return d;
    }

    public static IllegalArgumentException invalid(Config node, String reason) {
        return new IllegalArgumentException("configuration key '" + node.key() + "' " + reason);
    }
}
