package dev.carrel.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code site} and {@code gate} sections of an agent's YAML file:
 *
 * <pre>
 * site:
 *   id: main-library
 *   secret-file: /etc/carrel/site-secret      # base64, chmod 600
 *   pass-keys: [MCowBQYDK2VwAyEA…]            # the hub's Ed25519 public keys
 * gate:
 *   id: gate-1
 *   readers: [gate-1-reader, gate-1-qr]
 *   relay: gate-1
 *   indicator: gate-1-indicator
 *   fallback: deny                          # for unknown credentials when the hub does not answer
 *   hub-timeout-ms: 800
 *   exit-readers: [gate-1-exit]             # optional: taps out, never refused
 *   exit-relay: gate-1-exit-relay           # optional: the relay above when one door serves both ways
 * </pre>
 */
final class AccessReader {
    private static final Set<String> SITE_KEYS = Set.of("id", "secret-file", "pass-keys");
    private static final Set<String> GATE_KEYS =
            Set.of("id", "readers", "relay", "indicator", "fallback", "hub-timeout-ms", "exit-readers", "exit-relay");

    private AccessReader() {}

    static Optional<AgentLayout.SiteSettings> site(JsonNode node) {
        if (absent(node)) {
            return Optional.empty();
        }
        known(node, "site", SITE_KEYS);
        return Optional.of(new AgentLayout.SiteSettings(
                text(node, "site", "id"), Path.of(text(node, "site", "secret-file")), list(node, "site", "pass-keys")));
    }

    static Optional<AgentLayout.GateSettings> gate(JsonNode node) {
        if (absent(node)) {
            return Optional.empty();
        }
        known(node, "gate", GATE_KEYS);
        String fallback = node.has("fallback") ? text(node, "gate", "fallback") : "deny";
        if (!fallback.equals("allow") && !fallback.equals("deny")) {
            throw new IllegalArgumentException(
                    "configuration key 'gate.fallback' must be allow or deny, not '" + fallback + "'");
        }
        JsonNode timeout = node.path("hub-timeout-ms");
        if (!timeout.isMissingNode() && !timeout.isIntegralNumber()) {
            throw new IllegalArgumentException("configuration key 'gate.hub-timeout-ms' must be a whole number");
        }
        List<String> readers = list(node, "gate", "readers");
        if (readers.isEmpty()) {
            throw new IllegalArgumentException("configuration key 'gate.readers' must name at least one reader");
        }
        return Optional.of(new AgentLayout.GateSettings(
                text(node, "gate", "id"),
                readers,
                text(node, "gate", "relay"),
                text(node, "gate", "indicator"),
                fallback,
                Duration.ofMillis(timeout.isMissingNode() ? 800 : timeout.asLong()),
                list(node, "gate", "exit-readers"),
                node.has("exit-relay") ? Optional.of(text(node, "gate", "exit-relay")) : Optional.empty()));
    }

    private static boolean absent(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }

    private static void known(JsonNode node, String section, Set<String> keys) {
        for (Map.Entry<String, JsonNode> e : AgentLayoutReader.mapping(node, section)) {
            if (!keys.contains(e.getKey())) {
                throw new IllegalArgumentException(
                        "configuration key '" + section + "." + e.getKey() + "' is unknown; expected one of " + keys);
            }
        }
    }

    private static String text(JsonNode node, String section, String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
            throw new IllegalArgumentException("configuration key '" + section + "." + key + "' is required");
        }
        return v.asText();
    }

    private static List<String> list(JsonNode node, String section, String key) {
        JsonNode v = node.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new IllegalArgumentException("configuration key '" + section + "." + key + "' must be a list");
        }
        List<String> out = new ArrayList<>();
        v.forEach(item -> out.add(item.asText()));
        return out;
    }
}
