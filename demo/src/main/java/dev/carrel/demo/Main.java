package dev.carrel.demo;

import dev.carrel.hub.Logs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * {@code ./carrel demo [--data DIR] [--http-port N]}: the hub, its embedded broker on a free port, SQLite in a
 * fresh data folder and three simulated agents, until Ctrl-C. Type {@code help} for the console commands.
 */
public final class Main {
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(10);

    private Main() {}

    public static void main(String[] args) throws Exception {
        Logs.configure();
        PrintStream out = System.out;
        Path data =
                Path.of("data", "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        int httpPort = -1;
        int historyDays = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(value(args, ++i, "--data"));
                case "--http-port" -> httpPort = parsePort(value(args, ++i, "--http-port"));
                case "--history" -> historyDays = parseDays(value(args, ++i, "--history"));
                default -> fail("unknown option '" + args[i] + "' (options: --data DIR, --http-port N, --history 7d)");
            }
        }
        if (Files.exists(data) && !isEmptyDir(data)) {
            fail("the data folder " + data + " is not empty; the demo starts fresh, pick another with --data");
        }
        if (httpPort < 0) {
            // A definite port, not 0: the seats' printed QR codes carry the pass page's address.
            httpPort = portFree(8080) ? 8080 : freePort();
        }
        Demo demo = Demo.start(data, httpPort, KEEP_ALIVE, 3_000, historyDays);
        Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "demo-shutdown"));
        out.printf("%nCarrel demo is running.%n");
        out.printf(
                "  Open      http://localhost:%d/   (agents: /api/agents, health: /observe/health)%n",
                demo.hub().httpPort());
        out.printf(
                "  Sign in   admin / %s   (this run's password; set CARREL_ADMIN_PASSWORD to choose it)%n",
                demo.adminPassword());
        out.printf(
                "  MQTT      %s  (embedded broker on a free port)%n", demo.hub().brokerUri());
        out.printf("  Data      %s%n", data.toAbsolutePath());
        demo.history()
                .ifPresent(h -> out.printf(
                        "  History   %d days: %,d visits, %,d events through ingest in %.1f s (/api/analytics/summary)%n",
                        h.days(), h.visits(), h.events(), h.took().toMillis() / 1000.0));
        out.printf(
                "  Agents    %s, keep-alive %d s%n", String.join(", ", DemoLibrary.agents()), KEEP_ALIVE.toSeconds());
        out.printf("  Commands  kill NAME | freeze NAME | start NAME | help      Ctrl-C stops%n%n");
        console(demo, out);
        Thread.currentThread().join();
    }

    private static void console(Demo demo, PrintStream out) {
        Thread.ofPlatform().daemon(true).name("demo-console").start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.println(command(demo, line.strip().split("\\s+")));
                }
            } catch (Exception e) {
                out.println("console closed: " + e.getMessage());
            }
        });
    }

    static String command(Demo demo, String[] words) {
        String name = words.length > 1 ? words[1] : "";
        try {
            return switch (words[0]) {
                case "kill" ->
                    demo.kill(name) ? name + " killed: offline at once (Last Will)" : "no running agent " + name;
                case "freeze" ->
                    demo.freeze(name)
                            ? name + " frozen: offline within "
                                    + demo.keepAlive().toSeconds() * 3 / 2 + " s (1.5 × keep-alive)"
                            : "no running agent " + name;
                case "start" -> {
                    if (!DemoLibrary.agents().contains(name)) {
                        yield "no demo agent '" + name + "' (agents: " + String.join(", ", DemoLibrary.agents()) + ")";
                    }
                    demo.startAgent(name);
                    yield name + " started with a new session";
                }
                case "", "help" ->
                    "kill NAME | freeze NAME | start NAME; agents: " + String.join(", ", DemoLibrary.agents());
                default -> "unknown command '" + words[0] + "' (try help)";
            };
        } catch (Exception e) {
            return "failed: " + e.getMessage();
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            fail(option + " needs a value");
        }
        return args[i];
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        fail("--http-port must be a port number 0-65535, not '" + text + "'");
        return -1;
    }

    /** {@code 7d} or {@code 7}: 1 to 90 days. */
    private static int parseDays(String text) {
        try {
            int days = Integer.parseInt(text.endsWith("d") ? text.substring(0, text.length() - 1) : text);
            if (days >= 1 && days <= 90) {
                return days;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        fail("--history must be a number of days from 1 to 90, such as 7d, not '" + text + "'");
        return 0;
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            return probe.getLocalPort();
        }
    }

    private static boolean portFree(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
            return probe.isBound();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static boolean isEmptyDir(Path dir) throws java.io.IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void fail(String message) {
        System.err.println("carrel demo: " + message);
        System.exit(2);
    }
}
