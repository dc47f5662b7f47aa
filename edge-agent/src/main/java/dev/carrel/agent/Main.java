package dev.carrel.agent;

import com.pi4j.Pi4J;
import dev.carrel.agent.enrol.EnrollCommand;
import dev.carrel.drivers.Hardware;
import dev.carrel.drivers.gpio.GpioPins;
import dev.carrel.drivers.gpio.Pi4jGpio;
import dev.carrel.drivers.serial.JSerialCommPorts;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Runs one edge agent: {@code carrel-agent CONFIG.yaml}; or enrols a new device: {@code carrel-agent enroll
 * --hub URL --token T --data-dir DIR [--config-out FILE]} (docs/operations.md).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("enroll")) {
            System.exit(EnrollCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length != 1) {
            System.err.println("usage: carrel-agent CONFIG.yaml\n       " + EnrollCommand.USAGE);
            System.exit(2);
        }
        AgentConfig config;
        AgentLayout layout;
        try {
            config = AgentConfigFile.read(Path.of(args[0]), version());
            layout = AgentConfigFile.readLayout(Path.of(args[0]));
        } catch (IllegalArgumentException e) {
            System.err.println("carrel-agent: " + e.getMessage());
            System.exit(2);
            return;
        }
        EdgeAgent agent;
        try {
            agent = EdgeAgent.start(config, layout, realHardware(), Clock.systemUTC());
        } catch (IllegalArgumentException | IllegalStateException e) {
            // A wrong setting or a device that will not start: say which, plainly, and let systemd retry.
            System.err.println("carrel-agent: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "agent-shutdown"));
    }

    /** The Pi's own GPIO (made only if an endpoint needs it: Pi4J's start-up costs time) and serial ports. */
    static Hardware realHardware() {
        Supplier<GpioPins> gpio = new Supplier<>() {
            private GpioPins pins;

            @Override
            public synchronized GpioPins get() {
                if (pins == null) {
                    pins = new Pi4jGpio(Pi4J.newAutoContext());
                }
                return pins;
            }
        };
        Hardware none = Hardware.none();
        return new Hardware(gpio, new JSerialCommPorts(), none.mqtt());
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
