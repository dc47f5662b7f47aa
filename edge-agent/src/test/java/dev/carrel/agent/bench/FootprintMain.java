package dev.carrel.agent.bench;

import dev.carrel.agent.AgentConfig;
import dev.carrel.agent.AgentLayout;
import dev.carrel.agent.EdgeAgent;
import dev.carrel.drivers.Hardware;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.EventBody;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Runs in a JVM of its own for {@link OutboxBenchmark}: {@code empty} does nothing (the baseline JVM);
 * {@code agent BROKER DATA_DIR} starts an edge agent, waits until it is connected and one event has been
 * acknowledged. Each then prints {@code ready rss_kb=N} ({@code VmRSS} of {@code /proc/self/status}).
 */
public final class FootprintMain {
    private FootprintMain() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("agent")) {
            AgentConfig config = new AgentConfig(
                    AgentId.of("footprint"),
                    URI.create(args[1]),
                    "any",
                    Path.of(args[2]),
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(60),
                    "bench");
            EdgeAgent agent = EdgeAgent.start(config, AgentLayout.EMPTY, Hardware.none(), Clock.systemUTC());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!agent.connected() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            agent.events().publish(new EventBody.LampState("lamp-1", true, 100));
            while (agent.events().pending() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            System.out.println("ready rss_kb=" + rssKb() + " connected=" + agent.connected());
            System.out.flush();
            agent.close();
        } else {
            System.out.println("ready rss_kb=" + rssKb());
        }
    }

    static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
