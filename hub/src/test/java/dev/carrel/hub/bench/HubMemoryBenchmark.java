package dev.carrel.hub.bench;

import dev.carrel.hub.broker.CredentialsTool;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.EventBody;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The hub's own resident memory with 10,200 endpoints (100 agents × 34 desks × lamp, outlet, sensor), the
 * hub alone in its own JVM: the simulated agents run in this process, so they do not count (LiveBenchmark
 * measured both together). The baseline is the same hub, idle, in the same run.
 *
 * <pre>java -cp … dev.carrel.hub.bench.HubMemoryBenchmark [JVM flags for the hub…]</pre>
 */
public final class HubMemoryBenchmark {
    private static final int AGENTS = 100;
    private static final int DESKS = 34;

    private HubMemoryBenchmark() {}

    public static void main(String[] jvmFlags) throws Exception {
        Path dir = Files.createTempDirectory("carrel-memory-bench");
        Path credentials = dir.resolve("broker-users");
        List<String> secrets = new ArrayList<>();
        for (int a = 0; a < AGENTS; a++) {
            secrets.add(CredentialsTool.addAgent(credentials, AgentId.of("room-" + a)));
        }
        Files.writeString(dir.resolve("spaces.yaml"), LiveBenchmark.model());
        int http = freePort();
        int mqtt = freePort();
        Files.writeString(
                dir.resolve("hub.yaml"),
                String.join(
                        "\n",
                        "server: {host: 127.0.0.1, port: " + http + "}",
                        "carrel:",
                        "  data-dir: " + dir.resolve("hub"),
                        "  spaces-file: " + dir.resolve("spaces.yaml"),
                        "  broker: {host: 127.0.0.1, port: " + mqtt + ", persistent: false, credentials-file: "
                                + credentials + "}",
                        ""));
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(Arrays.asList(jvmFlags));
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "dev.carrel.hub.Main",
                dir.resolve("hub.yaml").toString()));
        Process hub = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("hub.log").toFile())
                .start();
        try {
            awaitHealthy(http);
            Thread.sleep(3_000);
            long idle = rssKb(hub.pid());
            List<LiveBenchmark.Agent> agents = new ArrayList<>();
            for (int a = 0; a < AGENTS; a++) {
                agents.add(new LiveBenchmark.Agent("tcp://127.0.0.1:" + mqtt, "room-" + a, secrets.get(a)));
            }
            for (LiveBenchmark.Agent agent : agents) {
                for (int d = 0; d < DESKS; d++) {
                    String desk = String.format("desk-%03d", d);
                    agent.send(new EventBody.LampState(desk + "-lamp", d % 2 == 0, 70));
                    agent.send(new EventBody.OutletState(desk + "-outlet", true, Optional.of(12.5), Optional.empty()));
                    agent.send(new EventBody.PresenceChanged(desk + "-presence", true, Optional.of(60)));
                }
            }
            Thread.sleep(8_000);
            long loaded = rssKb(hub.pid());
            System.out.printf(
                    "hub alone, flags %s: idle RSS %d MB; with %d endpoints (%d agents, %d seats): RSS %d MB"
                            + " (VmHWM %d MB); ratio loaded/idle %.2f (goal <= 256 MB)%n",
                    Arrays.toString(jvmFlags),
                    idle / 1024,
                    AGENTS * DESKS * 3,
                    AGENTS,
                    AGENTS * DESKS,
                    loaded / 1024,
                    status(hub.pid(), "VmHWM") / 1024,
                    (double) loaded / idle);
            for (LiveBenchmark.Agent a : agents) {
                a.client.disconnect().waitForCompletion(5_000);
                a.client.close(true);
            }
        } finally {
            hub.destroy();
        }
    }

    private static void awaitHealthy(int port) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 300; i++) {
            try {
                HttpResponse<String> r = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the hub did not become healthy within 30 s");
    }

    private static long rssKb(long pid) throws IOException {
        return status(pid, "VmRSS");
    }

    private static long status(long pid, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
