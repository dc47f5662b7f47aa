package dev.carrel.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged demo, started the way {@code ./carrel demo} starts it ({@code java -jar target/carrel-demo.jar}
 * with its lib/ beside it): it prints the URL, and its three agents are online within 10 seconds. Runs after
 * {@code package} (failsafe), so a dependency missing from the jar's class path fails the build.
 */
class DemoJarIT {
    private static final Pattern URL = Pattern.compile("Open\\s+http://localhost:(\\d+)/");

    @TempDir
    Path dir;

    @Test
    void packagedDemo_printsItsUrl_andListsThreeAgentsOnlineWithin10Seconds() throws Exception {
        Path jar = Path.of("target", "carrel-demo.jar");
        assertTrue(Files.isRegularFile(jar), "run after package: " + jar.toAbsolutePath());
        ProcessBuilder launch = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-jar",
                        jar.toString(),
                        "--data",
                        dir.resolve("data").toString(),
                        "--http-port",
                        "0")
                .redirectErrorStream(true);
        launch.environment().put("CARREL_ADMIN_PASSWORD", "demo-jar-admin-password");
        Process demo = launch.start();
        try {
            int port = port(demo).get(60, TimeUnit.SECONDS);
            HubApi api = HubApi.signIn(port, "admin", "demo-jar-admin-password");
            for (String agent : DemoLibrary.agents()) {
                api.awaitAgent(agent, HubApi.online(1), Duration.ofSeconds(10));
            }
        } finally {
            demo.destroy();
            demo.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Reads the demo's output until it prints the URL; keeps draining it after, so the demo never blocks. */
    private static CompletableFuture<Integer> port(Process demo) {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                StringBuilder seen = new StringBuilder();
                while ((line = out.readLine()) != null) {
                    Matcher m = URL.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    } else if (!port.isDone()) {
                        seen.append(line).append('\n');
                    }
                }
                port.completeExceptionally(new AssertionError("the demo ended without a URL:\n" + seen));
            } catch (Exception e) {
                port.completeExceptionally(e);
            }
        });
        return port;
    }
}
