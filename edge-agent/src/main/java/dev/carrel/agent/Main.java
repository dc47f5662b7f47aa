package dev.carrel.agent;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Runs one edge agent: {@code carrel-agent CONFIG.yaml}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: carrel-agent CONFIG.yaml");
            System.exit(2);
        }
        AgentConfig config;
        try {
            config = AgentConfigFile.read(Path.of(args[0]), version());
        } catch (IllegalArgumentException e) {
            System.err.println("carrel-agent: " + e.getMessage());
            System.exit(2);
            return;
        }
        // Devices join with the edge-agent issue (device-drivers endpoints from the same YAML).
        EdgeAgent agent = EdgeAgent.start(config, List.of(), Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "agent-shutdown"));
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
