package dev.carrel.hub;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The hub's settings, read once from the {@code carrel} section of its YAML configuration and validated;
 * an error names the offending key. The web server reads its own {@code server} section.
 *
 * @param dataDir where the SQLite file and the embedded broker's store live
 * @param broker the MQTT broker: embedded in this process, or an external one
 * @param spacesFile the space model's YAML ({@code carrel.spaces-file}), a file path or {@code classpath:name};
 *     read to seed the store at the first start
 */
public record HubConfig(Path dataDir, Broker broker, Optional<String> spacesFile) {

    /** Which broker the hub uses. */
    public sealed interface Broker {}

    /**
     * Moquette in this process. Port 0 picks a free port at start (the demo does this, since 1883 is
     * often taken by a system Mosquitto).
     */
    public record Embedded(String host, int port, boolean persistent) implements Broker {}

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
                                bool(broker, "persistent").orElse(true));
                    case "external" ->
                        new External(required(broker, "url"), required(broker, "user"), required(broker, "password"));
                    default ->
                        throw invalid(broker.get("mode"), "must be 'embedded' or 'external', not '" + mode + "'");
                },
                spacesFile(carrel));
    }

    private static Optional<String> spacesFile(Config carrel) {
        Optional<String> file = string(carrel, "spaces-file").filter(s -> !s.isEmpty());
        file.filter(f -> !f.startsWith("classpath:") && !java.nio.file.Files.isReadable(Path.of(f)))
                .ifPresent(f -> {
                    throw invalid(carrel.get("spaces-file"), "names a file that cannot be read: " + f);
                });
        return file;
    }

    private static Optional<String> string(Config c, String key) {
        try {
            return c.get(key).asString().asOptional().map(String::strip);
        } catch (ConfigException e) {
            throw invalid(c.get(key), "must be a text value");
        }
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
        return new IllegalArgumentException("configuration key '" + node.key() + "' " + reason);
    }
}
