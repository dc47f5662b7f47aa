package dev.carrel.provisioning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The agent configuration an enrolment yields (the keys of docs/edge-agent.md): identity, broker and the
 * hub's initial settings. Endpoints, seats and the site secret are added by the installer afterwards; the
 * agent starts without them and reports no endpoints.
 */
final class AgentYaml {
    private AgentYaml() {}

    static byte[] of(EnrolmentGrant grant, Path dataDir) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("agent-id", grant.agentId());
        root.put("data-dir", dataDir.toAbsolutePath().toString());
        root.put("broker", Map.of("url", grant.brokerUrl(), "password", grant.brokerPassword()));
        root.putAll(grant.config());
        String header = "# Written by 'carrel-agent enroll' for " + grant.role() + " in zone " + grant.zone()
                + ". Holds this device's broker secret: keep it mode 0600.\n";
        try {
            String body = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
                    .writeValueAsString(root);
            return (header + body).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain maps always serialise", e);
        }
    }
}
