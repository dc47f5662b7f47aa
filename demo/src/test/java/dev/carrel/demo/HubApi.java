package dev.carrel.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.Hub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/** The hub's REST API as a test sees it, over real HTTP. */
class HubApi {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;
    private final String authorization;

    /** As an administrator, with an API token the hub issues for the test. */
    HubApi(Hub hub) {
        this(hub.httpPort(), "Bearer " + hub.staff().issueToken("admin"));
    }

    /** As an existing staff member, with an API token the hub issues for them. */
    static HubApi as(Hub hub, String username) {
        return new HubApi(hub.httpPort(), "Bearer " + hub.staff().issueToken(username));
    }

    private HubApi(int port, String authorization) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = authorization;
    }

    /** Signs in as a browser would, for a hub in another process; reads only, so no CSRF token is needed. */
    static HubApi signIn(int port, String username, String password) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/session"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper()
                                        .writeValueAsString(
                                                java.util.Map.of("username", username, "password", password))))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("sign-in answered " + r.statusCode() + ": " + r.body());
        }
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        return new HubApi(port, "") {
            @Override
            HttpRequest.Builder authorise(HttpRequest.Builder b) {
                return b.header("Cookie", cookie);
            }
        };
    }

    HttpRequest.Builder authorise(HttpRequest.Builder b) {
        return authorization.isEmpty() ? b : b.header("Authorization", authorization);
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(
                authorise(HttpRequest.newBuilder(URI.create(base + path)))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Any method with an optional body ({@code ""} for none), for the patron and privacy routes. */
    HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b =
                authorise(HttpRequest.newBuilder(URI.create(base + path))).timeout(Duration.ofSeconds(10));
        if (!contentType.isEmpty()) {
            b.header("Content-Type", contentType);
        }
        return http.send(
                b.method(
                                method,
                                body.isEmpty()
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Imports a patron CSV (keeping patrons missing from it) and waits until the job is done; returns its report. */
    JsonNode importPatrons(String csv) throws Exception {
        HttpResponse<String> started = send("POST", "/api/patrons/imports?removeMissing=false", "text/csv", csv);
        if (started.statusCode() != 202) {
            throw new AssertionError("import answered " + started.statusCode() + ": " + started.body());
        }
        String location = started.headers().firstValue("Location").orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            JsonNode job = json.readTree(get(location).body());
            if (job.get("state").asText().equals("done")) {
                return job;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("import not done: " + job);
            }
            Thread.sleep(50);
        }
    }

    JsonNode agents() throws Exception {
        HttpResponse<String> res = get("/api/agents");
        if (res.statusCode() != 200) {
            throw new AssertionError("GET /api/agents answered " + res.statusCode() + ": " + res.body());
        }
        return json.readTree(res.body());
    }

    Optional<JsonNode> agent(String id) throws Exception {
        for (JsonNode a : agents()) {
            if (a.get("id").asText().equals(id)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Polls until the agent matches, and returns how long that took; fails after {@code within}. */
    Duration awaitAgent(String id, Predicate<JsonNode> condition, Duration within) throws Exception {
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        Optional<JsonNode> last = Optional.empty();
        while (System.nanoTime() < deadline) {
            last = agent(id);
            if (last.isPresent() && condition.test(last.get())) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("agent " + id + " did not reach the expected state within " + within + "; last: "
                + last.map(JsonNode::toString).orElse("absent"));
    }

    static Predicate<JsonNode> online(long session) {
        return a -> a.get("online").asBoolean() && a.get("session").asLong() == session;
    }

    /**
     * Online in any session: for tests that need the agent up, not a session number. An agent's first
     * connection is sometimes closed by the embedded broker between CONNACK and the agent's SUBSCRIBE
     * (Moquette logs "SUBSCRIBE received on already closed connection"); the agent reconnects within a second
     * with the next session, as it should.
     */
    static Predicate<JsonNode> up() {
        return a -> a.get("online").asBoolean() && a.get("session").asLong() >= 1;
    }

    static Predicate<JsonNode> offline() {
        return a -> !a.get("online").asBoolean();
    }
}
