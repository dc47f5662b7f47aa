package dev.carrel.demo;

import dev.carrel.agent.AgentConfig;
import dev.carrel.agent.AgentLayout;
import dev.carrel.agent.EdgeAgent;
import dev.carrel.agent.gate.Verdict;
import dev.carrel.agent.kiosk.KioskEvent;
import dev.carrel.agent.seats.SeatRules;
import dev.carrel.drivers.Credential;
import dev.carrel.drivers.CredentialKind;
import dev.carrel.drivers.Hardware;
import dev.carrel.drivers.config.EndpointSpec;
import dev.carrel.hub.Hub;
import dev.carrel.hub.broker.BrokerUsers;
import dev.carrel.hub.twins.Twins;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.EventBody.GateDecision.Reason;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hub with patrons (site secret, passes) and a simulated gate agent: a real {@link EdgeAgent} on fake
 * drivers with a gate section (reader {@code gate-1-reader}, turnstile, indicator; unknown cards refused
 * when the hub is silent) and the same site secret as the hub, connected to the hub's embedded broker.
 */
final class GateAgentRig {
    static final AgentId GATE = AgentId.of("gate-1");

    private GateAgentRig() {}

    static Hub hub(Path dir, Map<String, String> extra) throws Exception {
        Map<String, String> config = new HashMap<>(Map.of(
                "server.host", "127.0.0.1",
                "server.port", "0",
                "carrel.data-dir", dir.resolve("hub").toString(),
                "carrel.broker.host", "127.0.0.1",
                "carrel.broker.port", "0",
                "carrel.broker.persistent", "false",
                "carrel.site.id", "main-library",
                "carrel.site.secret-file", secret(dir).toString(),
                "carrel.passes.pin-iterations", "1000",
                "carrel.passes.secure-cookie", "false"));
        config.putAll(extra);
        return Hub.start(Config.just(ConfigSources.create(config)), Clock.systemUTC());
    }

    private static Path secret(Path dir) throws Exception {
        Path file = dir.resolve("site-secret");
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, Base64.getEncoder().encodeToString(PatronGateTest.SECRET));
        }
        return file;
    }

    /** The gate agent, connected to the hub's broker; with no hub, to a port where nothing listens. */
    static EdgeAgent gate(Path dir, Optional<Hub> hub) throws Exception {
        String broker;
        String password;
        if (hub.isPresent()) {
            broker = hub.get().brokerUri();
            password = hub.get().brokerUsers().issue(GATE.value(), BrokerUsers.Role.AGENT);
        } else {
            try (ServerSocket s = new ServerSocket(0)) {
                broker = "tcp://127.0.0.1:" + s.getLocalPort();
            }
            password = "offline";
        }
        AgentConfig config = new AgentConfig(
                GATE,
                URI.create(broker),
                password,
                dir.resolve("gate-agent"),
                Duration.ofSeconds(2),
                Duration.ofHours(1),
                "gate-test");
        AgentLayout layout = new AgentLayout(
                List.of(
                        new EndpointSpec("gate-1-reader", "fake-reader", Map.of()),
                        new EndpointSpec("gate-1", "fake-gate", Map.of()),
                        new EndpointSpec("gate-1-indicator", "fake-indicator", Map.of())),
                List.of(),
                SeatRules.DEFAULTS,
                Optional.empty(),
                Optional.of(new AgentLayout.SiteSettings("main-library", secret(dir), List.of())),
                Optional.of(new AgentLayout.GateSettings(
                        "gate-1",
                        List.of("gate-1-reader"),
                        "gate-1",
                        "gate-1-indicator",
                        "deny",
                        Duration.ofMillis(500))));
        EdgeAgent agent = EdgeAgent.start(config, layout, Hardware.none(), Clock.systemUTC());
        if (hub.isPresent()) {
            PatronGateTest.await(agent::connected, "the gate agent connects");
        }
        return agent;
    }

    static Verdict tap(EdgeAgent agent, CredentialKind kind, String value) throws Exception {
        return agent.gate()
                .orElseThrow()
                .present(new Credential(
                        kind, value, "gate-1-reader", Clock.systemUTC().instant()))
                .get(5, TimeUnit.SECONDS);
    }

    /** The next greeting the gate's kiosk feed carries. */
    static KioskEvent.Greeting greeting(BlockingQueue<KioskEvent> feed) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (feed.poll(100, TimeUnit.MILLISECONDS) instanceof KioskEvent.Greeting g) {
                return g;
            }
        }
        throw new AssertionError("no greeting on the kiosk feed");
    }

    /** Waits until the gate has applied the hub's desired twin and it matches. */
    static void awaitTwin(Hub hub, Predicate<Map<String, Object>> desired, String what) throws Exception {
        Twins twins = hub.facilities().twins();
        PatronGateTest.await(
                () -> {
                    try {
                        Twins.View v = twins.view(GATE);
                        return desired.test(v.desired()) && v.appliedVersion().orElse(0L) >= v.desiredVersion();
                    } catch (java.sql.SQLException e) {
                        throw new AssertionError(e);
                    }
                },
                what);
    }

    /** Taps until the gate decides for this reason (the allow-list or a revocation has arrived). */
    static Verdict awaitReason(EdgeAgent agent, CredentialKind kind, String value, Reason reason) throws Exception {
        Verdict[] last = new Verdict[1];
        PatronGateTest.await(
                () -> {
                    try {
                        last[0] = tap(agent, kind, value);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    return last[0].reason() == reason;
                },
                "the gate decides " + reason);
        return last[0];
    }

    /** Signs the patron in on the pass page and fetches {@code n} passes from {@code /pass/api/current}. */
    static List<String> passes(int port, String patron, String pin, int n) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> in = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/pass/api/sign-in"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"patron\":\"" + patron + "\",\"pin\":\"" + pin + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (in.statusCode() != 204) {
            throw new AssertionError("sign-in answered " + in.statusCode() + ": " + in.body());
        }
        String cookie = in.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/pass/api/current"))
                            .header("Cookie", cookie)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile("\"pass\":\"(CP1\\.[^\"]+)\"").matcher(r.body());
            if (!m.find()) {
                throw new AssertionError("no pass in " + r.body());
            }
            out.add(m.group(1));
        }
        return out;
    }
}
