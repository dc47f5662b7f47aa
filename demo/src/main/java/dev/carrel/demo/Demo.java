package dev.carrel.demo;

import dev.carrel.agent.AgentConfig;
import dev.carrel.agent.AgentLayout;
import dev.carrel.agent.EdgeAgent;
import dev.carrel.drivers.Hardware;
import dev.carrel.hub.Hub;
import dev.carrel.hub.broker.BrokerUsers;
import dev.carrel.protocol.AgentId;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The hub with its embedded broker and SQLite, plus the three simulated agents, in one process. Each agent
 * reaches the broker through its own {@link TcpRelay}, so the demo can cut one off in both ways that matter:
 * {@link #kill} (the socket drops, the broker sends the Last Will at once) and {@link #freeze} (the network
 * hangs; the broker's keep-alive timer notices within 1.5 × keep-alive).
 */
final class Demo implements AutoCloseable {
    private final Hub hub;
    private final Path dataDir;
    private final Duration keepAlive;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, EdgeAgent> agents = new ConcurrentHashMap<>();
    private final Map<String, TcpRelay> relays = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(
            1, Thread.ofPlatform().name("demo-patrons").daemon(true).factory());

    private final AgentLayout.SiteSettings site;
    private final String adminPassword;

    private Demo(Hub hub, Path dataDir, Duration keepAlive, Path siteSecret, String adminPassword) {
        this.hub = hub;
        this.adminPassword = adminPassword;
        this.dataDir = dataDir;
        this.keepAlive = keepAlive;
        this.site = new AgentLayout.SiteSettings(SITE, siteSecret, List.of());
    }

    private static final String SITE = "demo-library";

    private Optional<DemoHistory.Result> history = Optional.empty();

    /** What {@code --history} wrote, if it was asked for. */
    Optional<DemoHistory.Result> history() {
        return history;
    }

    AgentLayout.SiteSettings site() {
        return site;
    }

    /** The administrator's password: {@code CARREL_ADMIN_PASSWORD} if set, else random for this run. */
    String adminPassword() {
        return adminPassword;
    }

    static Demo start(Path dataDir, int httpPort, Duration keepAlive, long meanArrivalMillis) throws Exception {
        return start(dataDir, httpPort, keepAlive, meanArrivalMillis, 0, Map.of());
    }

    /** As above, with hub configuration keys that replace or add to the demo's (tests: faster alerts). */
    static Demo start(
            Path dataDir, int httpPort, Duration keepAlive, long meanArrivalMillis, Map<String, String> hubConfig)
            throws Exception {
        return start(dataDir, httpPort, keepAlive, meanArrivalMillis, 0, hubConfig);
    }

    /**
     * Starts the demo; with {@code historyDays} above 0 the simulated patrons' past days are written first
     * ({@link DemoHistory}), so the analytics have data before anyone has watched.
     */
    static Demo start(Path dataDir, int httpPort, Duration keepAlive, long meanArrivalMillis, int historyDays)
            throws Exception {
        return start(dataDir, httpPort, keepAlive, meanArrivalMillis, historyDays, Map.of());
    }

    /** With history and hub configuration keys both (the dashboard's tests: a week of analytics, faster alerts). */
    static Demo start(
            Path dataDir,
            int httpPort,
            Duration keepAlive,
            long meanArrivalMillis,
            int historyDays,
            Map<String, String> hubConfig)
            throws Exception {
        Path secret = DemoSecret.write(dataDir.resolve("site-secret"));
        String adminPassword = Optional.ofNullable(System.getenv("CARREL_ADMIN_PASSWORD"))
                .filter(p -> !p.isBlank())
                .orElseGet(Demo::randomPassword);
        Map<String, String> keys = new java.util.HashMap<>(Map.ofEntries(
                Map.entry("server.host", "0.0.0.0"),
                Map.entry("server.port", Integer.toString(httpPort)),
                Map.entry("carrel.data-dir", dataDir.resolve("hub").toString()),
                Map.entry("carrel.broker.mode", "embedded"),
                Map.entry("carrel.broker.host", "127.0.0.1"),
                Map.entry("carrel.broker.port", "0"),
                Map.entry("carrel.broker.persistent", "true"),
                Map.entry("carrel.spaces-file", "classpath:spaces-demo.yaml"),
                Map.entry("carrel.site.id", SITE),
                Map.entry("carrel.site.secret-file", secret.toString()),
                Map.entry("carrel.staff.initial-admin-password", adminPassword),
                // The demo serves plain HTTP, which a Secure cookie would never be sent over.
                Map.entry("carrel.staff.secure-cookie", "false"),
                // The reading room doubles as the exam-preparation area: every desk has a presence sensor, so
                // a patron may hold one for weeks (docs/reservations.md, "Long-term seats").
                Map.entry("carrel.reservations.zones." + DemoLibrary.READING_ROOM + ".long-term", "true")));
        if (httpPort > 0) {
            // The pass page as the demo's own machine reaches it: what the seats' printed QR codes carry.
            keys.put("carrel.passes.public-url", "http://localhost:" + httpPort + "/pass/");
        }
        keys.putAll(hubConfig);
        Config config = Config.just(ConfigSources.create(keys));
        Hub hub = Hub.start(config, Clock.systemUTC());
        Demo demo = new Demo(hub, dataDir, keepAlive, secret, adminPassword);
        try {
            DemoPatrons.register(hub.access().orElseThrow());
            if (historyDays > 0) {
                demo.history = Optional.of(
                        DemoHistory.write(hub, PatronSimulation.cards(secret), historyDays, System.nanoTime()));
            }
            for (String agent : DemoLibrary.agents()) {
                demo.secrets.put(agent, hub.brokerUsers().issue(agent, BrokerUsers.Role.AGENT));
                demo.startAgent(agent);
            }
            new DemoMeters(demo::agent, Clock.systemUTC(), System.nanoTime()).start(demo.timer, Duration.ofSeconds(2));
            if (meanArrivalMillis > 0) {
                new PatronSimulation(demo::agent, demo.timer, demo.site.secretFile(), System.nanoTime())
                        .start(meanArrivalMillis);
            }
            return demo;
        } catch (Exception e) {
            demo.close();
            throw e;
        }
    }

    private static String randomPassword() {
        byte[] b = new byte[12];
        new java.security.SecureRandom().nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** (Re)starts an agent; its session counter on disk makes the new session higher than the last. */
    synchronized void startAgent(String name) throws Exception {
        Optional.ofNullable(agents.remove(name)).ifPresent(EdgeAgent::close);
        TcpRelay old = relays.remove(name);
        if (old != null) {
            old.close();
        }
        URI broker = URI.create(hub.brokerUri());
        TcpRelay relay = new TcpRelay(new InetSocketAddress(broker.getHost(), broker.getPort()));
        relays.put(name, relay);
        AgentConfig config = new AgentConfig(
                AgentId.of(name),
                URI.create("tcp://127.0.0.1:" + relay.port()),
                secrets.get(name),
                dataDir.resolve("agents").resolve(name),
                keepAlive,
                Duration.ofSeconds(5),
                "demo");
        agents.put(name, EdgeAgent.start(config, DemoLibrary.layout(name, site), Hardware.none(), Clock.systemUTC()));
    }

    /** The agent process dies: its socket closes without an MQTT DISCONNECT. */
    synchronized boolean kill(String name) {
        EdgeAgent agent = agents.remove(name);
        if (agent == null) {
            return false;
        }
        agent.crash();
        return true;
    }

    /** The agent's network hangs: nothing flows, nothing closes. */
    synchronized boolean freeze(String name) {
        TcpRelay relay = relays.get(name);
        EdgeAgent agent = agents.remove(name);
        if (relay == null || agent == null) {
            return false;
        }
        relay.freeze();
        agent.crash(); // the process is gone too; only the broker's keep-alive timer can tell
        return true;
    }

    Optional<EdgeAgent> agent(String name) {
        return Optional.ofNullable(agents.get(name));
    }

    Hub hub() {
        return hub;
    }

    Duration keepAlive() {
        return keepAlive;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        agents.values().forEach(EdgeAgent::close);
        agents.clear();
        for (TcpRelay relay : relays.values()) {
            try {
                relay.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        hub.close();
    }
}
