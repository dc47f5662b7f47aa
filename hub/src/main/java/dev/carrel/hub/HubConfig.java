package dev.carrel.hub;

import dev.carrel.hub.monitoring.MonitoringSettings;
import io.helidon.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The hub's settings, read once from the {@code carrel} section of its YAML configuration and validated;
 * an error names the offending key. The web server reads its own {@code server} section.
 *
 * @param dataDir where the SQLite file and the embedded broker's store live
 * @param broker the MQTT broker: embedded in this process, or an external one
 * @param subscriber the hub's MQTT session: client id and shared-subscription group
 * @param monitoring alert thresholds and telemetry retention ({@code carrel.monitoring.*})
 * @param spacesFile the space model's YAML ({@code carrel.spaces-file}), a file path or {@code classpath:name};
 *     read to seed the store at the first start
 */
public record HubConfig(
        Path dataDir,
        Broker broker,
        Optional<String> spacesFile,
        Subscriber subscriber,
        MonitoringSettings monitoring) {

    /** Which broker the hub uses. */
    public sealed interface Broker {}

    /**
     * Moquette in this process. Port 0 picks a free port at start (the demo does this, since 1883 is
     * often taken by a system Mosquitto). {@code credentialsFile} ({@code carrel.broker.credentials-file})
     * holds the agents' salted secret hashes, until provisioning issues them.
     */
    public record Embedded(String host, int port, boolean persistent, Optional<Path> credentialsFile)
            implements Broker {
        public Embedded(String host, int port, boolean persistent) {
            this(host, port, persistent, Optional.empty());
        }
    }

    /** An external MQTT 5 broker (Mosquitto, EMQX, HiveMQ) with the hub's own credentials. */
    public record External(String url, String user, String password) implements Broker {}

    public static HubConfig from(Config root) {
        Config carrel = root.get("carrel");
        Path dataDir = Path.of(string(carrel, "data-dir").orElse("data/hub"));
        Config broker = carrel.get("broker");
        String mode = string(broker, "mode").orElse("embedded").toLowerCase(Locale.ROOT);
        return new HubConfig(
                dataDir,
                switch (mode) {
                    case "embedded" ->
                        new Embedded(
                                string(broker, "host").orElse("0.0.0.0"),
                                port(broker, "port", 1883),
                                bool(broker, "persistent").orElse(true),
                                string(broker, "credentials-file")
                                        .filter(f -> !f.isEmpty())
                                        .map(Path::of));
                    case "external" ->
                        new External(required(broker, "url"), required(broker, "user"), required(broker, "password"));
                    default ->
                        throw invalid(broker.get("mode"), "must be 'embedded' or 'external', not '" + mode + "'");
                },
                spacesFile(carrel),
                subscriber(broker),
                monitoring(carrel.get("monitoring")));
    }

    private static Optional<String> spacesFile(Config carrel) {
        Optional<String> file = string(carrel, "spaces-file").filter(s -> !s.isEmpty());
        file.filter(f -> !f.startsWith("classpath:") && !java.nio.file.Files.isReadable(Path.of(f)))
                .ifPresent(f -> {
                    throw invalid(carrel.get("spaces-file"), "names a file that cannot be read: " + f);
                });
        return file;
    }

    /**
     * The hub's MQTT session on the broker: {@code carrel.broker.client-id} (default {@code carrel-hub}; fixed,
     * so the broker keeps the session and its unacknowledged messages across restarts) and
     * {@code carrel.broker.share-group} (default {@code hub}; the embedded broker's ACL allows only that one).
     */
    public record Subscriber(String clientId, String shareGroup) {}

    private static Subscriber subscriber(Config broker) {
        return new Subscriber(mqttName(broker, "client-id", "carrel-hub"), mqttName(broker, "share-group", "hub"));
    }

    private static String mqttName(Config c, String key, String fallback) {
        String value = string(c, key).orElse(fallback);
        if (value.isEmpty() || value.length() > 64 || !value.matches("[A-Za-z0-9._-]+")) {
            throw invalid(c.get(key), "must be 1-64 letters, digits, '.', '_' or '-', not '" + value + "'");
        }
        return value;
    }

    private static MonitoringSettings monitoring(Config c) {
        MonitoringSettings d = MonitoringSettings.defaults();
        try {
            return new MonitoringSettings(
                    duration(c, "offline-after", d.offlineAfter()),
                    whole(c, "outbox-backlog", d.outboxBacklog()),
                    decimal(c, "high-temperature-c", d.highTemperatureC()),
                    duration(c, "telemetry-full-resolution", d.fullResolution()),
                    duration(c, "telemetry-bucket", d.bucket()),
                    duration(c, "telemetry-keep-buckets", d.keepBuckets()),
                    duration(c, "keep-dead-letters", d.keepDeadLetters()),
                    duration(c, "sweep-every", d.sweepEvery()),
                    duration(c, "downsample-every", d.downsampleEvery()));
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith("configuration key")) {
                throw e;
            }
            throw new IllegalArgumentException("configuration '" + c.key() + "': " + e.getMessage(), e);
        }
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, or ISO-8601 such as {@code PT5M}. */
    public static Duration duration(Config c, String key, Duration fallback) {
        return ConfigValues.duration(c, key, fallback);
    }

    private static long whole(Config c, String key, long fallback) {
        return string(c, key)
                .map(v -> {
                    try {
                        return Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        throw invalid(c.get(key), "must be a whole number, not '" + v + "'");
                    }
                })
                .orElse(fallback);
    }

    private static double decimal(Config c, String key, double fallback) {
        return string(c, key)
                .map(v -> {
                    try {
                        return Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        throw invalid(c.get(key), "must be a number, not '" + v + "'");
                    }
                })
                .orElse(fallback);
    }

    private static Optional<String> string(Config c, String key) {
        return ConfigValues.string(c, key);
    }

    private static String required(Config c, String key) {
        return string(c, key).filter(s -> !s.isEmpty()).orElseThrow(() -> invalid(c.get(key), "is required"));
    }

    private static Optional<Boolean> bool(Config c, String key) {
        return string(c, key).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(c.get(key), "must be true or false, not '" + v + "'");
        });
    }

    private static int port(Config c, String key, int fallback) {
        return string(c, key)
                .map(v -> {
                    try {
                        int port = Integer.parseInt(v);
                        if (port < 0 || port > 65_535) {
                            throw invalid(c.get(key), "must be a port number 0-65535, not " + port);
                        }
                        return port;
                    } catch (NumberFormatException e) {
                        throw invalid(c.get(key), "must be a port number, not '" + v + "'");
                    }
                })
                .orElse(fallback);
    }

    private static IllegalArgumentException invalid(Config node, String reason) {
        return ConfigValues.invalid(node, reason);
    }
}
