package dev.carrel.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code docs/asyncapi.yaml} as the tests read it: its channels, operations and messages, and a validator for
 * each schema under {@code components.schemas}. Schemas are checked as JSON Schema draft-07, the dialect AsyncAPI
 * 3.0 schemas extend, with format assertions on.
 */
final class ContractDocument {
    static final String FILE = "docs/asyncapi.yaml";
    static final String SCHEMAS = "#/components/schemas/";

    private final JsonNode root;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .pathType(PathType.JSON_POINTER)
            .build();
    private final Map<String, JsonSchema> validators = new HashMap<>();

    private ContractDocument(JsonNode root) {
        this.root = root;
    }

    static ContractDocument load() {
        try {
            return new ContractDocument(new ObjectMapper(new YAMLFactory()).readTree(locate().toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Maven runs tests in the module directory, an IDE often in the root: look upwards for the file. */
    static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(FILE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no " + FILE + " above " + Path.of("").toAbsolutePath());
    }

    JsonNode root() {
        return root;
    }

    JsonNode channels() {
        return root.path("channels");
    }

    JsonNode operations() {
        return root.path("operations");
    }

    JsonNode schema(String name) {
        JsonNode schema = root.path("components").path("schemas").path(name);
        if (schema.isMissingNode()) {
            throw new AssertionError("no schema " + name + " under components.schemas in " + FILE);
        }
        return schema;
    }

    /** Follows a local {@code $ref} ({@code #/...}); any other node is returned as it is. */
    JsonNode resolve(JsonNode node) {
        JsonNode ref = node.path("$ref");
        if (!ref.isTextual()) {
            return node;
        }
        if (!ref.asText().startsWith("#/")) {
            throw new AssertionError("only local refs are expected, got " + ref.asText());
        }
        JsonNode target = root.at(ref.asText().substring(1));
        if (target.isMissingNode()) {
            throw new AssertionError("dangling ref " + ref.asText());
        }
        return resolve(target);
    }

    /** Validates against {@code components.schemas.<name>}, its refs resolved within the document. */
    Set<ValidationMessage> validate(String name, JsonNode instance) {
        schema(name);
        JsonSchema validator = validators.computeIfAbsent(name, n -> {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("$ref", SCHEMAS + n);
            node.set("components", root.path("components").deepCopy());
            return factory.getSchema(node, config);
        });
        return validator.validate(instance);
    }

    /**
     * The channels whose address, with {@code {agentId}} and the named level substituted, is the topic's string.
     * A named level is substituted only with a value its parameter's {@code enum} allows.
     */
    List<String> channelsFor(Topic topic) {
        List<String> out = new ArrayList<>();
        channels().properties().forEach(e -> {
            if (resolvedAddress(e.getValue(), topic).equals(topic.toString())) {
                out.add(e.getKey());
            }
        });
        return out;
    }

    private String resolvedAddress(JsonNode channel, Topic topic) {
        String address = channel.path("address")
                .asText()
                .replace("{agentId}", topic.agent().value());
        for (var param : channel.path("parameters").properties()) {
            if (param.getKey().equals("agentId") || topic.name().isEmpty()) {
                continue;
            }
            String name = topic.name().orElseThrow();
            if (!enumOf(resolve(param.getValue())).contains(name)) {
                return "";
            }
            address = address.replace("{" + param.getKey() + "}", name);
        }
        return address;
    }

    /** The named (non-agent) parameters of a channel, by name. */
    Map<String, JsonNode> namedParameters(String channel) {
        Map<String, JsonNode> out = new HashMap<>();
        channels().path(channel).path("parameters").properties().forEach(e -> {
            if (!e.getKey().equals("agentId")) {
                out.put(e.getKey(), resolve(e.getValue()));
            }
        });
        return out;
    }

    /** The payload schema refs of a channel's messages, e.g. {@code #/components/schemas/Telemetry}. */
    Set<String> payloadRefs(String channel) {
        Set<String> out = new LinkedHashSet<>();
        channels()
                .path(channel)
                .path("messages")
                .forEach(m -> out.add(resolve(m).path("payload").path("$ref").asText()));
        return out;
    }

    /** The actions ({@code send}/{@code receive}) of the operations on a channel. */
    Set<String> actionsOn(String channel) {
        Set<String> out = new LinkedHashSet<>();
        operations().forEach(op -> {
            if (op.path("channel").path("$ref").asText().equals("#/channels/" + channel)) {
                out.add(op.path("action").asText());
            }
        });
        return out;
    }

    static Set<String> enumOf(JsonNode schema) {
        Set<String> out = new LinkedHashSet<>();
        schema.path("enum").forEach(v -> out.add(v.asText()));
        return out;
    }
}
