package dev.carrel.hub.engagement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.Hub;
import dev.carrel.hub.broker.BrokerUsers;
import dev.carrel.hub.control.MutableClock;
import dev.carrel.hub.patrons.SiteKey;
import dev.carrel.hub.staff.StaffRole;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.CredentialKind;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A real hub for engagement tests: embedded broker, SQLite file, HTTP on a free port, patrons set up (site
 * secret), the test space model (zones z1, z2 in site lib, Europe/Berlin) and a clock the test moves.
 */
final class EngagementFixture implements AutoCloseable {
    static final byte[] SECRET = new byte[32];
    static final Duration WAIT = Duration.ofSeconds(10);

    final MutableClock clock;
    final Hub hub;
    final Path database;
    /** A librarian's API token: engagement's staff routes are the librarians' (RoutePolicy). */
    final String librarian;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    /** An answer: status and body (JSON tree when it is JSON). */
    record Answer(int status, JsonNode json, String text) {}

    EngagementFixture(Path dir, Instant now) throws Exception {
        clock = new MutableClock(now);
        database = dir.resolve("hub").resolve("carrel-hub.db");
        Path secret = dir.resolve("site-secret");
        Files.createFile(secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secret, Base64.getEncoder().encodeToString(SECRET));
        hub = Hub.start(
                Config.just(ConfigSources.create(Map.ofEntries(
                        Map.entry("server.host", "127.0.0.1"),
                        Map.entry("server.port", "0"),
                        Map.entry("carrel.data-dir", dir.resolve("hub").toString()),
                        Map.entry("carrel.broker.host", "127.0.0.1"),
                        Map.entry("carrel.broker.port", "0"),
                        Map.entry("carrel.broker.persistent", "false"),
                        Map.entry("carrel.spaces-file", "classpath:spaces-test.yaml"),
                        Map.entry("carrel.site.id", "lib"),
                        Map.entry("carrel.site.secret-file", secret.toString()),
                        Map.entry("carrel.passes.pin-iterations", "1000"),
                        Map.entry("carrel.passes.secure-cookie", "false"),
                        Map.entry("carrel.staff.password-iterations", "10000")))),
                clock);
        hub.staff().accounts().create("librarian", StaffRole.LIBRARIAN, "a-long-test-password-1");
        librarian = hub.staff().issueToken("librarian");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!hub.mqttConnected() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    static CredentialHash card(String uid) throws Exception {
        return SiteKey.of(SECRET).hash(CredentialKind.CARD_UID, uid);
    }

    /** Imports patrons from CSV through the staff API and waits for the import to finish. */
    void patrons(String csv) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(uri("/api/patrons/imports"))
                        .header("Authorization", "Bearer " + librarian)
                        .POST(HttpRequest.BodyPublishers.ofString(csv))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        await(location, a -> a.json().path("state").asText().equals("done"));
    }

    /** Signs a patron in on the pass page; returns the cookie to send. */
    String signIn(String patron, String pin) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(uri("/pass/api/sign-in"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"patron\":\"" + patron + "\",\"pin\":\"" + pin + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, r.statusCode(), r.body());
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    KioskAgent agent(String id) throws Exception {
        return new KioskAgent(hub.brokerUri(), id, hub.brokerUsers().issue(id, BrokerUsers.Role.AGENT));
    }

    Answer get(String path) throws Exception {
        return send("GET", path, null, "");
    }

    Answer send(String method, String path, String body) throws Exception {
        return send(method, path, body, "");
    }

    /** A request with a patron's cookie ({@code ""} for none); a body is sent as JSON. */
    Answer send(String method, String path, String body, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (!cookie.isEmpty()) {
            b.header("Cookie", cookie);
        }
        if (path.startsWith("/api/")) {
            b.header("Authorization", "Bearer " + librarian);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode tree;
        try {
            tree = json.readTree(r.body());
        } catch (java.io.IOException e) {
            tree = json.nullNode();
        }
        return new Answer(r.statusCode(), tree == null ? json.nullNode() : tree, r.body());
    }

    /** Like {@link #send}, failing unless the status is {@code status}; returns the JSON body. */
    JsonNode expect(int status, String method, String path, String body, String cookie) throws Exception {
        Answer a = send(method, path, body, cookie);
        assertEquals(status, a.status(), method + " " + path + ": " + a.text());
        return a.json();
    }

    Answer await(String path, Predicate<Answer> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Answer last = null;
        while (System.nanoTime() < deadline) {
            last = get(path);
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("GET " + path + " did not match; last: " + (last == null ? "none" : last.text()));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + hub.httpPort() + path);
    }

    @Override
    public void close() {
        hub.close();
    }
}
