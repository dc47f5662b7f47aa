package dev.carrel.hub.broker;

import dev.carrel.protocol.AgentId;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Manages the embedded broker's credentials file until provisioning issues credentials:
 *
 * <pre>
 * java -cp hub/target/carrel-hub.jar dev.carrel.hub.broker.CredentialsTool add-agent ID --credentials FILE
 * java -cp hub/target/carrel-hub.jar dev.carrel.hub.broker.CredentialsTool remove-agent ID --credentials FILE
 * java -cp hub/target/carrel-hub.jar dev.carrel.hub.broker.CredentialsTool list --credentials FILE
 * </pre>
 *
 * {@code add-agent} makes a new secret (replacing the agent's old one), stores only its salted hash and prints
 * the secret once, for the agent's configuration. A running hub picks the change up at the agent's next
 * connect.
 */
public final class CredentialsTool {
    private static final String USAGE = """
            usage: CredentialsTool add-agent ID --credentials FILE      new secret for agent ID, printed once
                   CredentialsTool remove-agent ID --credentials FILE   the agent can no longer connect
                   CredentialsTool list --credentials FILE              the users in the file""";

    private CredentialsTool() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the exit status (0 done, 2 refused). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(List.of(args));
        Optional<Path> file = option(rest, "--credentials");
        if (rest.isEmpty() || file.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        try {
            switch (rest.getFirst()) {
                case "add-agent" -> {
                    String id = single(rest, err);
                    String secret = addAgent(file.get(), AgentId.of(id));
                    out.println(secret);
                    err.println("agent '" + id + "' may now connect with the secret above (user name and client id '"
                            + id + "'); it is shown only this once.");
                }
                case "remove-agent" -> {
                    String id = single(rest, err);
                    BrokerUsers users = BrokerUsers.loadOrEmpty(file.get());
                    if (!users.revoke(id)) {
                        err.println("no user '" + id + "' in " + file.get());
                        return 2;
                    }
                    users.save(file.get());
                    err.println("agent '" + id + "' removed; it cannot connect again.");
                }
                case "list" -> {
                    for (var entry : CredentialsFile.read(file.get()).entrySet()) {
                        out.println(entry.getKey() + " "
                                + entry.getValue().role().name().toLowerCase(Locale.ROOT));
                    }
                }
                default -> {
                    err.println("unknown command '" + rest.getFirst() + "'\n" + USAGE);
                    return 2;
                }
            }
            return 0;
        } catch (IllegalArgumentException e) { // InvalidFieldException and CredentialsFileException are ones
            err.println("carrel-hub: " + e.getMessage());
            return 2;
        }
    }

    /** Adds (or re-keys) an agent in the file and returns its new secret. */
    public static String addAgent(Path file, AgentId agent) {
        BrokerUsers users = BrokerUsers.loadOrEmpty(file);
        String secret = users.issue(agent.value(), BrokerUsers.Role.AGENT);
        users.save(file);
        return secret;
    }

    /** Removes an agent from the file; false when the file did not have it. */
    public static boolean removeAgent(Path file, AgentId agent) {
        BrokerUsers users = BrokerUsers.loadOrEmpty(file);
        if (!users.revoke(agent.value())) {
            return false;
        }
        users.save(file);
        return true;
    }

    private static String single(List<String> rest, PrintStream err) {
        if (rest.size() != 2) {
            throw new IllegalArgumentException("'" + rest.getFirst() + "' takes exactly one agent id\n" + USAGE);
        }
        return rest.get(1);
    }

    private static Optional<Path> option(List<String> args, String name) {
        int i = args.indexOf(name);
        if (i < 0 || i + 1 >= args.size()) {
            return Optional.empty();
        }
        Path value = Path.of(args.get(i + 1));
        args.remove(i + 1);
        args.remove(i);
        return Optional.of(value);
    }
}
