package dev.carrel.hub.control;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.hub.spaces.Fields;
import dev.carrel.protocol.InvalidFieldException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /api/control}: {@code {"target": {"zone": "reading-room-1"}, "lamp": {"on": true,
 * "brightness": 40}, "outlet": {"on": false}, "expiresInSeconds": 60}}. At least one of lamp and outlet;
 * brightness 0-100 only with a lamp; the commands expire after 1-3600 s (default 60).
 */
public record ControlRequest(Target target, Optional<LampAction> lamp, Optional<Boolean> outletOn, Duration ttl) {

    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);

    public record LampAction(boolean on, Optional<Integer> brightness) {}

    /** In words, for the audit log: {@code lamps off, outlets on in zone z1}. */
    public String describe() {
        StringBuilder what = new StringBuilder();
        lamp.ifPresent(l -> what.append("lamps ")
                .append(l.on() ? "on" : "off")
                .append(l.brightness().map(b -> " at " + b + "%").orElse("")));
        outletOn.ifPresent(
                o -> what.append(what.isEmpty() ? "" : ", ").append("outlets ").append(o ? "on" : "off"));
        return what + " in " + target.level().wire() + " " + target.id();
    }

    public static ControlRequest parse(JsonNode body) {
        Fields.only(body, "", Set.of("target", "lamp", "outlet", "expiresInSeconds"));
        Target target = target(body.get("target"));
        Optional<LampAction> lamp = Optional.empty();
        if (body.hasNonNull("lamp")) {
            JsonNode l = body.get("lamp");
            Fields.only(l, "lamp", Set.of("on", "brightness"));
            lamp = Optional.of(
                    new LampAction(Fields.bool(l, "lamp", "on"), Fields.optionalInt(l, "lamp", "brightness", 0, 100)));
        }
        Optional<Boolean> outlet = Optional.empty();
        if (body.hasNonNull("outlet")) {
            Fields.only(body.get("outlet"), "outlet", Set.of("on"));
            outlet = Optional.of(Fields.bool(body.get("outlet"), "outlet", "on"));
        }
        if (lamp.isEmpty() && outlet.isEmpty()) {
            throw new InvalidFieldException("lamp", "a lamp or an outlet action is required");
        }
        int ttl = Fields.optionalInt(body, "", "expiresInSeconds", 1, 3600).orElse((int) DEFAULT_TTL.toSeconds());
        return new ControlRequest(target, lamp, outlet, Duration.ofSeconds(ttl));
    }

    private static Target target(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new InvalidFieldException("target", "is required, e.g. {\"zone\": \"reading-room-1\"}");
        }
        Fields.only(node, "target", Set.of("seat", "zone", "floor", "building"));
        Iterator<String> names = node.fieldNames();
        if (node.size() != 1) {
            throw new InvalidFieldException("target", "must name exactly one of seat, zone, floor or building");
        }
        String level = names.next();
        return new Target(
                Target.Level.valueOf(level.toUpperCase(java.util.Locale.ROOT)), Fields.text(node, "target", level));
    }
}
