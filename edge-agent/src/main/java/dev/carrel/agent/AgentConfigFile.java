package dev.carrel.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.InvalidFieldException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads an agent's YAML configuration:
 *
 * <pre>
 * agent-id: reading-room-2
 * data-dir: /var/lib/carrel-agent
 * broker:
 *   url: tcp://hub.library.example:1883
 *   password: …            # issued by the hub at enrolment
 * keep-alive-seconds: 20
 * telemetry-interval-seconds: 10
 * </pre>
 *
 * Every error names the offending key.
 */
public final class AgentConfigFile {
    private AgentConfigFile() {}

    public static AgentConfig read(Path file, String version) throws IOException {
        return read(root(file), version);
    }

    /** Reads the endpoints, seats and rules of the same file (see {@link AgentLayoutReader}). */
    public static AgentLayout readLayout(Path file) throws IOException {
        return AgentLayoutReader.read(root(file));
    }

    private static JsonNode root(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + " as YAML: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + " must hold a YAML mapping");
        }
        return root;
    }

    private static AgentConfig read(JsonNode root, String version) {
        return new AgentConfig(
                agentId(text(root, "agent-id")),
                uri(text(root.path("broker"), "broker.url", "url")),
                text(root.path("broker"), "broker.password", "password"),
                Path.of(text(root, "data-dir")),
                Duration.ofSeconds(number(root, "keep-alive-seconds", 20)),
                Duration.ofSeconds(number(root, "telemetry-interval-seconds", 10)),
                version);
    }

    private static AgentId agentId(String value) {
        try {
            return AgentId.of(value);
        } catch (InvalidFieldException e) {
            throw new IllegalArgumentException("configuration key 'agent-id' " + e.reason());
        }
    }

    private static URI uri(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("configuration key 'broker.url' is not a URI: " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String key) {
        return text(node, key, key);
    }

    private static String text(JsonNode node, String key, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("configuration key '" + key + "' is required");
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("configuration key '" + key + "' must be text");
        }
        return value.asText();
    }

    private static long number(JsonNode node, String key, long fallback) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber()) {
            throw new IllegalArgumentException("configuration key '" + key + "' must be a whole number");
        }
        return value.asLong();
    }
}
