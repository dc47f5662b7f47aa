package dev.carrel.hub.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.Hub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** The hub's REST API over real HTTP, for tests. */
public final class Http {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;
    private final String token;

    /** As an administrator, with an API token the hub issues for the test. */
    public Http(Hub hub) {
        this(hub.httpPort(), hub.staff().issueToken("admin"));
    }

    public Http(int port, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    public HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (!token.isEmpty()) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null);
    }

    public JsonNode json(String method, String path, String body, int status) throws Exception {
        HttpResponse<String> r = send(method, path, body);
        if (r.statusCode() != status) {
            throw new AssertionError(
                    method + " " + path + " answered " + r.statusCode() + ", not " + status + ": " + r.body());
        }
        return r.body().isEmpty() ? json.nullNode() : json.readTree(r.body());
    }

    /** Polls GET {@code path} until the body matches; fails after {@code within}. */
    public JsonNode await(String path, Predicate<JsonNode> condition, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = json("GET", path, null, 200);
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(path + " did not reach the expected state within " + within + "; last: " + last);
    }

    public HttpClient client() {
        return http;
    }

    /** {@code Authorization} header value for requests a test builds itself. */
    public String authorization() {
        return "Bearer " + token;
    }

    public String base() {
        return base;
    }
}
