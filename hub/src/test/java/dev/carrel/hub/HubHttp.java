package dev.carrel.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Predicate;

/** A running hub's HTTP API and SQLite file as tests see them from outside. */
public final class HubHttp {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;
    private final String token;

    /** Without credentials: for the public parts (health, sign-in) and to see refusals. */
    public HubHttp(int port) {
        this(port, "");
    }

    /** As an administrator, with an API token the hub issues for the test. */
    public HubHttp(Hub hub) {
        this(hub.httpPort(), hub.staff().issueToken("admin"));
    }

    public HubHttp(int port, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    /** A status and, when the body is JSON, its tree. */
    public record Answer(int status, JsonNode body, String text) {}

    public Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Answer post(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> res =
                http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = json.readTree(res.body());
        } catch (IOException e) {
            body = json.nullNode();
        }
        return new Answer(res.statusCode(), body, res.body());
    }

    /** Polls {@code GET path} until its answer matches; fails with the last answer after {@code within}. */
    public Answer await(String path, Predicate<Answer> condition, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        Answer last = null;
        while (System.nanoTime() < deadline) {
            last = get(path);
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("GET " + path + " did not match within " + within + "; last: "
                + (last == null ? "none" : last.status() + " " + last.text()));
    }

    /** One number from the hub's SQLite file, read on a connection of the test's own (WAL lets it). */
    public static long count(Path database, String sql, Object... args) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath());
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
