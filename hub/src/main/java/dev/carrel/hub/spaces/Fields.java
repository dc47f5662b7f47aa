package dev.carrel.hub.spaces;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.protocol.InvalidFieldException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads typed values out of a JSON or YAML tree, naming the offending field by its path when a value is
 * missing or of the wrong type, so an API caller or a space-file author sees exactly what to fix. Unknown
 * fields are refused: in a hand-written file a misspelt key would otherwise be silently ignored.
 */
public final class Fields {
    private Fields() {}

    public static String at(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    public static JsonNode object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new InvalidFieldException(path.isEmpty() ? "$" : path, "must be an object");
        }
        return node;
    }

    public static void only(JsonNode node, String path, Set<String> allowed) {
        object(node, path);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw new InvalidFieldException(at(path, name), "is not a known field (known: " + allowed + ")");
            }
        }
    }

    public static Optional<String> optionalText(JsonNode node, String path, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new InvalidFieldException(at(path, name), "must be a string");
        }
        return Optional.of(v.textValue());
    }

    public static String text(JsonNode node, String path, String name) {
        return optionalText(node, path, name)
                .orElseThrow(() -> new InvalidFieldException(at(path, name), "is required"));
    }

    public static Optional<Integer> optionalInt(JsonNode node, String path, String name, int min, int max) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new InvalidFieldException(at(path, name), "must be an integer");
        }
        int i = v.intValue();
        if (i < min || i > max) {
            throw new InvalidFieldException(at(path, name), "must be between " + min + " and " + max + ", got " + i);
        }
        return Optional.of(i);
    }

    public static Optional<Boolean> optionalBool(JsonNode node, String path, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw new InvalidFieldException(at(path, name), "must be true or false");
        }
        return Optional.of(v.booleanValue());
    }

    public static boolean bool(JsonNode node, String path, String name) {
        return optionalBool(node, path, name)
                .orElseThrow(() -> new InvalidFieldException(at(path, name), "is required"));
    }

    /** The elements of an array field, absent meaning empty. */
    public static List<JsonNode> array(JsonNode node, String path, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new InvalidFieldException(at(path, name), "must be a list");
        }
        List<JsonNode> out = new ArrayList<>(v.size());
        v.forEach(out::add);
        return out;
    }

    public static List<EndpointRef> refs(JsonNode node, String path, String name) {
        List<JsonNode> items = array(node, path, name);
        List<EndpointRef> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String field = at(path, name) + "[" + i + "]";
            if (!items.get(i).isTextual()) {
                throw new InvalidFieldException(field, "must be a string 'agentId/endpointId'");
            }
            out.add(EndpointRef.parse(field, items.get(i).textValue()));
        }
        return out;
    }

    public static Optional<EndpointRef> ref(JsonNode node, String path, String name) {
        return optionalText(node, path, name).map(t -> EndpointRef.parse(at(path, name), t));
    }

    /** An id field, checked for the id form. */
    public static String id(JsonNode node, String path, String name) {
        return SpaceModel.id(text(node, path, name), at(path, name));
    }
}
