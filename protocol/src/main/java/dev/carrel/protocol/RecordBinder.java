package dev.carrel.protocol;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;

/**
 * Binds a JSON tree to a record and turns every way that can fail into a {@link PayloadException} naming the
 * field by its path. Required fields are the components that are not {@link Optional}: they are checked
 * here, before Jackson would quietly fill a missing {@code boolean} with {@code false}.
 */
final class RecordBinder {
    private final ObjectMapper mapper;

    RecordBinder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    <R> R bind(JsonNode node, Class<R> type, String path) throws PayloadException {
        requireFields(node, type, path);
        try {
            return mapper.treeToValue(node, type);
        } catch (JsonMappingException e) {
            throw translate(e, path);
        } catch (InvalidFieldException e) {
            throw new PayloadException(join(path, e.field()), e.reason());
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PayloadException(path.isEmpty() ? "$" : path, firstLine(e.getMessage()));
        }
    }

    private static void requireFields(JsonNode node, Class<?> type, String path) throws PayloadException {
        if (!type.isRecord()) {
            return;
        }
        if (!node.isObject()) {
            throw new PayloadException(path.isEmpty() ? "$" : path, "must be a JSON object");
        }
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getType() == Optional.class) {
                continue;
            }
            String field = join(path, c.getName());
            JsonNode value = node.get(c.getName());
            if (value == null || value.isNull()) {
                throw new PayloadException(field, "is required");
            }
            if (c.getType().isRecord() && value.isObject()) {
                requireFields(value, c.getType(), field);
            } else if (c.getType() == List.class && value.isArray()) {
                Class<?> element = elementType(c.getGenericType());
                for (int i = 0; i < value.size(); i++) {
                    // Value records (CredentialHash, EventId) travel as strings: only objects have fields.
                    if (value.get(i).isObject()) {
                        requireFields(value.get(i), element, field + "[" + i + "]");
                    }
                }
            }
        }
    }

    private static Class<?> elementType(Type listType) {
        if (listType instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }

    private static PayloadException translate(JsonMappingException e, String path) {
        String at = join(path, pathOf(e));
        if (e instanceof ValueInstantiationException && e.getCause() instanceof InvalidFieldException f) {
            return new PayloadException(join(at, f.field()), f.reason());
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof InvalidFieldException f) {
                return new PayloadException(at.isEmpty() ? f.field() : at, f.reason());
            }
        }
        String reason = e instanceof MismatchedInputException m && m.getTargetType() != null
                ? "expected " + describe(m.getTargetType()) + ": " + firstLine(e.getOriginalMessage())
                : firstLine(e.getOriginalMessage());
        return new PayloadException(at.isEmpty() ? "$" : at, reason);
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of "
                    + java.util.Arrays.stream(type.getEnumConstants())
                            .map(c -> ((Enum<?>) c).name().toLowerCase(java.util.Locale.ROOT))
                            .toList();
        }
        return type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    static String join(String path, String field) {
        if (path.isEmpty()) {
            return field;
        }
        return field.isEmpty() ? path : path + "." + field;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "invalid";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
