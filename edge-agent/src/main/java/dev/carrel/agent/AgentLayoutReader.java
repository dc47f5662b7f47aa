package dev.carrel.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.agent.kiosk.KioskProfile;
import dev.carrel.agent.seats.SeatBinding;
import dev.carrel.agent.seats.SeatRules;
import dev.carrel.drivers.config.EndpointSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code endpoints}, {@code seats} and {@code rules} sections of an agent's YAML file:
 *
 * <pre>
 * endpoints:
 *   desk-01-lamp:     {driver: gpio-relay-lamp, pin: 17, active-low: true}
 *   desk-01-presence: {driver: ld2410, port: /dev/ttyAMA0}
 * seats:
 *   desk-01: {lamp: desk-01-lamp, presence: desk-01-presence}
 * rules:
 *   absence-before-leave-minutes: 10
 *   leave-minutes: 30
 *   check-in-grace-minutes: 15
 *   max-leaves: 1
 * </pre>
 *
 * Driver names and their settings are the device-drivers module's (docs/hardware.md).
 */
final class AgentLayoutReader {
    private static final Set<String> SEAT_KEYS = Set.of("lamp", "outlet", "presence", "reader", "indicator");
    private static final Set<String> KIOSK_KEYS =
            Set.of("host", "port", "mode", "library-name", "language", "patron-url", "reader");
    private static final Set<String> RULE_KEYS =
            Set.of("absence-before-leave-minutes", "leave-minutes", "check-in-grace-minutes", "max-leaves");

    private AgentLayoutReader() {}

    static AgentLayout read(JsonNode root) {
        return new AgentLayout(
                endpoints(root.path("endpoints")),
                seats(root.path("seats")),
                rules(root.path("rules")),
                kiosk(root.path("kiosk")),
                AccessReader.site(root.path("site")),
                AccessReader.gate(root.path("gate")));
    }

    private static List<EndpointSpec> endpoints(JsonNode node) {
        List<EndpointSpec> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : mapping(node, "endpoints")) {
            String key = "endpoints." + e.getKey();
            JsonNode spec = e.getValue();
            if (!spec.isObject()) {
                throw new IllegalArgumentException("configuration key '" + key + "' must be a mapping with a driver");
            }
            Map<String, String> settings = new LinkedHashMap<>();
            String driver = null;
            for (Map.Entry<String, JsonNode> s : spec.properties()) {
                if (!s.getValue().isValueNode() || s.getValue().isNull()) {
                    throw new IllegalArgumentException(
                            "configuration key '" + key + "." + s.getKey() + "' must be a plain value");
                }
                if (s.getKey().equals("driver")) {
                    driver = s.getValue().asText();
                } else {
                    settings.put(s.getKey(), s.getValue().asText());
                }
            }
            if (driver == null || driver.isBlank()) {
                throw new IllegalArgumentException("configuration key '" + key + ".driver' is required");
            }
            try {
                out.add(new EndpointSpec(e.getKey(), driver, settings));
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException("configuration key '" + key + "': " + bad.getMessage());
            }
        }
        return out;
    }

    private static List<SeatBinding> seats(JsonNode node) {
        List<SeatBinding> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : mapping(node, "seats")) {
            String key = "seats." + e.getKey();
            JsonNode seat = e.getValue();
            if (!seat.isObject()) {
                throw new IllegalArgumentException("configuration key '" + key + "' must be a mapping of endpoints");
            }
            for (Map.Entry<String, JsonNode> s : seat.properties()) {
                if (!SEAT_KEYS.contains(s.getKey())) {
                    throw new IllegalArgumentException(
                            "configuration key '" + key + "." + s.getKey() + "' is unknown; seats bind " + SEAT_KEYS);
                }
            }
            out.add(new SeatBinding(
                    e.getKey(),
                    text(seat, key, "lamp"),
                    text(seat, key, "outlet"),
                    text(seat, key, "presence"),
                    text(seat, key, "reader"),
                    text(seat, key, "indicator")));
        }
        return out;
    }

    private static SeatRules rules(JsonNode node) {
        for (Map.Entry<String, JsonNode> r : mapping(node, "rules")) {
            if (!RULE_KEYS.contains(r.getKey())) {
                throw new IllegalArgumentException("configuration key 'rules." + r.getKey() + "' is unknown");
            }
        }
        SeatRules d = SeatRules.DEFAULTS;
        return new SeatRules(
                minutes(node, "absence-before-leave-minutes", d.absenceBeforeLeave()),
                minutes(node, "leave-minutes", d.leaveLength()),
                minutes(node, "check-in-grace-minutes", d.checkInGrace()),
                (int) whole(node, "max-leaves", d.maxLeaves()));
    }

    /**
     * The kiosk section; absent means no local web server:
     *
     * <pre>
     * kiosk:
     *   host: 127.0.0.1          # loopback: Chromium on the same Pi
     *   port: 8081
     *   mode: gate               # gate | reading-room | room
     *   library-name: {zh-CN: 中心图书馆, en: Central Library}   # or one plain name
     *   language: zh-CN          # zh-CN | en: what the screen starts in
     *   patron-url: https://library.example.edu/carrel   # the QR code on the idle screen; optional
     *   reader: kiosk-reader     # the kiosk's own card reader; optional
     * </pre>
     */
    private static Optional<AgentLayout.KioskSettings> kiosk(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        for (Map.Entry<String, JsonNode> e : mapping(node, "kiosk")) {
            if (!KIOSK_KEYS.contains(e.getKey())) {
                throw new IllegalArgumentException(
                        "configuration key 'kiosk." + e.getKey() + "' is unknown; expected one of " + KIOSK_KEYS);
            }
        }
        JsonNode port = node.path("port");
        if (!port.isMissingNode() && !port.isIntegralNumber()) {
            throw new IllegalArgumentException("configuration key 'kiosk.port' must be a whole number");
        }
        KioskProfile d = KioskProfile.DEFAULT;
        KioskProfile profile = new KioskProfile(
                node.has("mode") ? KioskProfile.Mode.of(kioskText(node, "mode")) : d.mode(),
                node.has("library-name") ? libraryName(node.get("library-name")) : d.libraryName(),
                node.has("language") ? kioskText(node, "language") : d.language(),
                node.has("patron-url") ? Optional.of(patronUrl(kioskText(node, "patron-url"))) : Optional.empty());
        return Optional.of(new AgentLayout.KioskSettings(
                node.has("host") ? kioskText(node, "host") : "127.0.0.1",
                port.isMissingNode() ? 8081 : port.asInt(),
                node.has("reader") ? Optional.of(kioskText(node, "reader")) : Optional.empty(),
                profile));
    }

    private static String kioskText(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("configuration key 'kiosk." + key + "' must be a non-blank text");
        }
        return v.asText();
    }

    private static Map<String, String> libraryName(JsonNode v) {
        if (v.isTextual()) {
            return Map.of("en", v.asText());
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : mapping(v, "kiosk.library-name")) {
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException(
                        "configuration key 'kiosk.library-name." + e.getKey() + "' must be a text");
            }
            names.put(e.getKey(), e.getValue().asText());
        }
        return names;
    }

    private static URI patronUrl(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("configuration key 'kiosk.patron-url' is not an address: " + text);
        }
    }

    static Iterable<Map.Entry<String, JsonNode>> mapping(JsonNode node, String key) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("configuration key '" + key + "' must be a mapping");
        }
        return node.properties();
    }

    private static Optional<String> text(JsonNode seat, String key, String field) {
        JsonNode v = seat.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("configuration key '" + key + "." + field + "' must name an endpoint");
        }
        return Optional.of(v.asText());
    }

    private static Duration minutes(JsonNode node, String key, Duration fallback) {
        return node.has(key) ? Duration.ofMinutes(whole(node, key, 0)) : fallback;
    }

    private static long whole(JsonNode node, String key, long fallback) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber()) {
            throw new IllegalArgumentException("configuration key 'rules." + key + "' must be a whole number");
        }
        return v.asLong();
    }
}
