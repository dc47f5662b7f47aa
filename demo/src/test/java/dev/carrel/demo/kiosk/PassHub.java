package dev.carrel.demo.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.agent.AgentLayout;
import dev.carrel.hub.Hub;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A real hub with access on (patrons, the pass page and its patron API) and the demo's space model, for the
 * pass and event tests, and
 * the HTTP they need: staff calls with an admin token, patron calls with a pass-page cookie.
 */
final class PassHub implements AutoCloseable {
    /** Where the seat codes send phones; the tests open the same path and query on this hub instead. */
    static final String PUBLIC_URL = "https://library.example.edu/pass/";

    private final Hub hub;
    private final String staffToken;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private PassHub(Hub hub) {
        this.hub = hub;
        this.staffToken = hub.staff().issueToken("admin");
    }

    static PassHub start(Path dir, AgentLayout.SiteSettings site, Clock clock) throws Exception {
        return new PassHub(Hub.start(
                Config.just(ConfigSources.create(Map.ofEntries(
                        Map.entry("server.host", "127.0.0.1"),
                        Map.entry("server.port", "0"),
                        Map.entry("carrel.data-dir", dir.resolve("hub").toString()),
                        Map.entry("carrel.broker.host", "127.0.0.1"),
                        Map.entry("carrel.broker.port", "0"),
                        Map.entry("carrel.broker.persistent", "false"),
                        Map.entry("carrel.spaces-file", "classpath:spaces-demo.yaml"),
                        Map.entry("carrel.site.id", KioskRig.SITE),
                        Map.entry("carrel.site.secret-file", site.secretFile().toString()),
                        Map.entry("carrel.passes.pin-iterations", "1000"),
                        Map.entry("carrel.passes.secure-cookie", "false"),
                        Map.entry("carrel.passes.public-url", PUBLIC_URL),
                        // As the demo has it (Demo.start): the reading room is also the long-term area.
                        Map.entry("carrel.reservations.zones.reading-room-1.long-term", "true")))),
                clock));
    }

    Hub hub() {
        return hub;
    }

    /** Imports the patrons of a CSV (id,name,group,card_uid,pin) and waits until the import is done. */
    void importPatrons(String csv) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(uri("/api/patrons/imports"))
                        .header("Authorization", "Bearer " + staffToken)
                        .POST(HttpRequest.BodyPublishers.ofString(csv))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!send("GET", location, null, "", 200).path("state").asText().equals("done")) {
            assertTrue(System.nanoTime() < deadline, "import done");
            Thread.sleep(50);
        }
    }

    /** Signs the patron in on the pass API; answers the {@code carrel_pass=…} cookie. */
    String signIn(String patron, String pin) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(uri("/pass/api/sign-in"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"patron\":\"" + patron + "\",\"pin\":\"" + pin + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, r.statusCode(), r.body());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    /** Sends a request (staff under /api/, the cookie's patron under /pass/) and expects the status. */
    JsonNode send(String method, String path, String body, String cookie, int status) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (!cookie.isEmpty()) {
            b.header("Cookie", cookie);
        }
        if (path.startsWith("/api/")) {
            b.header("Authorization", "Bearer " + staffToken);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), method + " " + path + ": " + r.body());
        return r.body().isEmpty() ? json.nullNode() : json.readTree(r.body());
    }

    /** A staff page that is not JSON (the seat codes), as an administrator. */
    String page(String path) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Authorization", "Bearer " + staffToken)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + hub.httpPort() + path);
    }

    @Override
    public void close() {
        hub.close();
    }
}
