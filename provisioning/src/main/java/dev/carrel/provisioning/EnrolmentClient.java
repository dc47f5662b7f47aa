package dev.carrel.provisioning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The device's side of enrolment ({@code carrel-agent enroll}): makes a key pair, sends the token and the
 * public key to the hub's {@code POST /api/enrolment}, and writes what it gets back, secrets with mode 0600:
 * the private key and {@code enrolment.json} in the data folder, and an agent YAML the agent can start from.
 * Nothing is written when the hub refuses.
 */
public final class EnrolmentClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public EnrolmentClient() {
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    /** What enrolment left on disk. */
    public record Enrolled(EnrolmentGrant grant, Path configFile) {}

    public Enrolled enrol(URI hub, String token, Path dataDir, Path configOut) throws EnrolmentException {
        if (!EnrolmentToken.wellFormed(token)) {
            throw new EnrolmentException(0, "'" + token + "' is not an enrolment token (they start with 'cet1-')");
        }
        DeviceKeys keys = DeviceKeys.create();
        EnrolmentGrant grant = post(hub, new EnrolmentRequest(token, keys.publicKeyText(), hostname()));
        try {
            keys.save(dataDir);
            PrivateFiles.write(dataDir.resolve("enrolment.json"), json.writeValueAsBytes(grant));
            PrivateFiles.write(configOut, AgentYaml.of(grant, dataDir));
        } catch (IOException e) {
            throw new EnrolmentException(
                    "enrolled as " + grant.agentId() + " but cannot write its files: " + e.getMessage(), e);
        }
        return new Enrolled(grant, configOut);
    }

    private EnrolmentGrant post(URI hub, EnrolmentRequest request) throws EnrolmentException {
        URI target = hub.resolve("/api/enrolment");
        HttpResponse<String> response;
        try {
            response = http.send(
                    HttpRequest.newBuilder(target)
                            .timeout(TIMEOUT)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(request)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new EnrolmentException("cannot reach the hub at " + target + " (connection refused)", e);
        } catch (IOException e) {
            throw new EnrolmentException("cannot reach the hub at " + target + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnrolmentException("interrupted while enrolling", e);
        }
        if (response.statusCode() != 200) {
            throw new EnrolmentException(
                    response.statusCode(),
                    "the hub refused enrolment (HTTP " + response.statusCode() + "): " + errorOf(response.body()));
        }
        try {
            return json.readValue(response.body(), EnrolmentGrant.class);
        } catch (JsonProcessingException e) {
            throw new EnrolmentException("the hub's answer is not an enrolment grant: " + e.getOriginalMessage(), e);
        }
    }

    private String errorOf(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node.path("error").isTextual() ? node.get("error").asText() : body;
        } catch (JsonProcessingException e) {
            return body;
        }
    }

    private static String hostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
