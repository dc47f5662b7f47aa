package dev.carrel.agent.enrol;

import dev.carrel.provisioning.EnrolmentClient;
import dev.carrel.provisioning.EnrolmentException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** {@code carrel-agent enroll}: the device side of enrolment, from the command line. */
public final class EnrollCommand {
    public static final String USAGE = "carrel-agent enroll --hub URL --token T --data-dir DIR [--config-out FILE]";

    private EnrollCommand() {}

    /** Returns the exit status: 0 enrolled, 1 refused or failed, 2 bad usage. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                err.println("carrel-agent: unexpected '" + args[i] + "'\nusage: " + USAGE);
                return 2;
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        for (String required : new String[] {"hub", "token", "data-dir"}) {
            if (!options.containsKey(required)) {
                err.println("carrel-agent: --" + required + " is required\nusage: " + USAGE);
                return 2;
            }
        }
        Path dataDir = Path.of(options.get("data-dir"));
        Path configOut = Path.of(
                options.getOrDefault("config-out", dataDir.resolve("agent.yaml").toString()));
        try {
            var enrolled = new EnrolmentClient()
                    .enrol(URI.create(options.get("hub")), options.get("token"), dataDir, configOut);
            out.println("enrolled as " + enrolled.grant().agentId() + "; start with: carrel-agent "
                    + enrolled.configFile());
            return 0;
        } catch (EnrolmentException e) {
            err.println("carrel-agent: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("carrel-agent: --hub must be a URL such as http://hub.library.example:8080 (" + e.getMessage()
                    + ")");
            return 2;
        }
    }
}
