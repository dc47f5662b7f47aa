package dev.carrel.hub;

import dev.carrel.hub.broker.CredentialsTool;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * Runs the hub: {@code carrel-hub [config.yaml]}. Without an argument it reads {@code application.yaml} from
 * the classpath; a file given on the command line overrides it key by key. {@code carrel-hub add-agent ID
 * --credentials FILE} (and {@code remove-agent}, {@code list}) manage the broker's credentials file instead:
 * {@link CredentialsTool}.
 *
 * <p>The one environment variable the hub knows is read here, at the edge, and becomes a configuration key
 * like any other (STYLE: one typed configuration): {@code CARREL_ADMIN_PASSWORD} is
 * {@code carrel.staff.initial-admin-password} when neither file sets that.
 */
public final class Main {
    private Main() {}

    /** The first arguments that mean a {@link CredentialsTool} command, not a configuration file. */
    private static final Set<String> CREDENTIALS_COMMANDS = Set.of("add-agent", "remove-agent", "list");

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && CREDENTIALS_COMMANDS.contains(args[0])) {
            CredentialsTool.main(args); // exits with the tool's status
            return;
        }
        Logs.configure();
        Config.Builder config = Config.builder().disableEnvironmentVariablesSource();
        if (args.length > 0) {
            Path file = Path.of(args[0]);
            if (!Files.isReadable(file)) {
                System.err.println("carrel-hub: cannot read the configuration file " + file.toAbsolutePath());
                System.exit(2);
            }
            config.addSource(ConfigSources.file(file));
        }
        config.addSource(ConfigSources.classpath("application.yaml"));
        config.addSource(ConfigSources.create(environment(System.getenv()))); // last: the files win
        Hub hub;
        try {
            hub = Hub.start(config.build(), Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            System.err.println("carrel-hub: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(hub::close, "hub-shutdown"));
        System.out.println("Carrel hub on http://localhost:" + hub.httpPort() + "/ with MQTT at " + hub.brokerUri());
    }

    /** The configuration keys the environment supplies. */
    static Map<String, String> environment(Map<String, String> env) {
        String password = env.getOrDefault("CARREL_ADMIN_PASSWORD", "");
        return password.isBlank() ? Map.of() : Map.of("carrel.staff.initial-admin-password", password);
    }
}
