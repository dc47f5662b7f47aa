package dev.carrel.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A twin's free-form JSON object, copied deeply so the records that hold it stay immutable. */
final class TwinState {
    private TwinState() {}

    static Map<String, Object> copy(String field, Map<String, Object> state) {
        Check.present(field, state);
        Map<String, Object> out = new LinkedHashMap<>();
        state.forEach((k, v) -> out.put(Check.present(field + " key", k), copyValue(field + "." + k, v)));
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    private static Object copyValue(String field, Object value) {
        return switch (value) {
            case null -> throw new InvalidFieldException(field, "must not be null");
            case Map<?, ?> m -> copy(field, (Map<String, Object>) m);
            case List<?> l -> {
                List<Object> out = new ArrayList<>(l.size());
                for (int i = 0; i < l.size(); i++) {
                    out.add(copyValue(field + "[" + i + "]", l.get(i)));
                }
                yield Collections.unmodifiableList(out);
            }
            case String s -> s;
            case Number n -> n;
            case Boolean b -> b;
            default -> throw new InvalidFieldException(field, "must be a JSON value, got " + value.getClass());
        };
    }
}
