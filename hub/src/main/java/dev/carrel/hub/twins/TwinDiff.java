package dev.carrel.hub.twins;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the reported state differs from the desired one, leaf by leaf ({@code lamps.desk-01-lamp.on}).
 * Only what the hub desires is compared: a reported key the hub never asked for is the agent's own
 * business, not a difference. Lists compare whole; numbers compare by value, so 70 equals 70.0. A leaf
 * named {@code command} is the hub's note of which command set an entry, not state, and is skipped.
 */
public final class TwinDiff {
    private TwinDiff() {}

    /** One leaf that is not as desired; {@code reported} is absent when the agent did not report it. */
    public record Difference(String path, Object desired, Optional<Object> reported) {}

    public static List<Difference> between(Map<String, Object> desired, Map<String, Object> reported) {
        List<Difference> out = new ArrayList<>();
        walk("", desired, reported, out);
        return out;
    }

    private static void walk(
            String prefix, Map<String, Object> desired, Map<String, Object> reported, List<Difference> out) {
        for (var e : desired.entrySet()) {
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            Object want = e.getValue();
            if (e.getKey().equals("command") && !prefix.isEmpty()) {
                continue;
            }
            Object have = reported == null ? null : reported.get(e.getKey());
            if (want instanceof Map<?, ?> wantMap) {
                walk(path, cast(wantMap), have instanceof Map<?, ?> haveMap ? cast(haveMap) : null, out);
            } else if (!same(want, have)) {
                out.add(new Difference(path, want, Optional.ofNullable(have)));
            }
        }
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
        }
        return Objects.equals(a, b);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
