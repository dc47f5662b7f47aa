package dev.carrel.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reminders a gate's kiosk shows with its greeting (books due soon, overdue, holds ready), keyed by the
 * patron pseudonym of the allow-list, never by name. The hub pushes the whole set to each gate agent on
 * {@code responses/reminders} (no correlation data: it answers no request), at the agent's birth and whenever
 * its fetch from the library system changed something; a set replaces the previous one unless its
 * {@code version} is not above it (docs/mqtt-contract.md, "Gate reminders").
 *
 * <p>Wire form: {@code {"v":1,"version":7,"ts":"…","patrons":{"p-7f3a":["2 books due Fri 14 Mar"]}}}. Lines
 * are short (at most {@value #MAX_LINE} characters, {@value #MAX_LINES} a patron) and carry no titles.
 */
public record GateReminders(long version, Instant ts, Map<String, List<String>> patrons) {
    /** The {@code name} of the {@code responses/{name}} topic. */
    public static final String NAME = "reminders";

    public static final int MAX_LINE = 64;
    public static final int MAX_LINES = 4;
    public static final int MAX_PATRONS = 500_000;
    public static final int MAX_PAYLOAD = 32 * 1024 * 1024;

    private static final ObjectMapper MAPPER = WireJson.mapper();

    public GateReminders {
        Check.range("version", version, 1, Long.MAX_VALUE);
        Check.present("ts", ts);
        Check.map("patrons", patrons, MAX_PATRONS);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        patrons.forEach((patron, lines) -> {
            Check.localId("patrons key", patron);
            String field = "patrons." + patron;
            Check.list(field, lines, MAX_LINES);
            for (int i = 0; i < lines.size(); i++) {
                Check.text(field + "[" + i + "]", lines.get(i), MAX_LINE);
            }
            copy.put(patron, List.copyOf(lines));
        });
        patrons = Collections.unmodifiableMap(copy);
    }

    /** The lines for one patron, none when the hub sent none. */
    public List<String> forPatron(String patron) {
        return patrons.getOrDefault(patron, List.of());
    }

    public byte[] encode() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("v", Message.SCHEMA_VERSION);
        root.put("version", version);
        root.put("ts", ts.toString());
        ObjectNode map = root.putObject("patrons");
        patrons.forEach((patron, lines) -> {
            ArrayNode a = map.putArray(patron);
            lines.forEach(a::add);
        });
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode gate reminders", e);
        }
    }

    /** Decodes a payload; throws only {@link PayloadException}, naming the field, whatever the bytes. */
    public static GateReminders decode(byte[] payload) throws PayloadException {
        if (payload == null || payload.length == 0 || payload.length > MAX_PAYLOAD) {
            throw new PayloadException("$", "payload must be 1-" + MAX_PAYLOAD + " bytes");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(payload);
        } catch (IOException | RuntimeException e) {
            throw new PayloadException("$", "not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new PayloadException("$", "must be a JSON object");
        }
        if (!root.path("v").isIntegralNumber() || root.path("v").asLong() != Message.SCHEMA_VERSION) {
            throw new PayloadException("v", "schema version must be " + Message.SCHEMA_VERSION);
        }
        if (!root.path("version").isIntegralNumber()) {
            throw new PayloadException("version", "is required and must be an integer");
        }
        try {
            return new GateReminders(root.get("version").asLong(), instant(root.path("ts")), patrons(root));
        } catch (InvalidFieldException e) {
            throw new PayloadException(e.field(), e.reason());
        }
    }

    private static Instant instant(JsonNode ts) throws PayloadException {
        try {
            return Instant.parse(ts.asText(""));
        } catch (DateTimeParseException e) {
            throw new PayloadException("ts", "must be an ISO-8601 instant");
        }
    }

    private static Map<String, List<String>> patrons(JsonNode root) throws PayloadException {
        JsonNode map = root.path("patrons");
        if (!map.isObject()) {
            throw new PayloadException("patrons", "is required and must be an object");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : map.properties()) {
            if (!e.getValue().isArray()) {
                throw new PayloadException("patrons." + e.getKey(), "must be an array of text");
            }
            List<String> lines = new ArrayList<>();
            for (JsonNode line : e.getValue()) {
                if (!line.isTextual()) {
                    throw new PayloadException("patrons." + e.getKey(), "must be an array of text");
                }
                lines.add(line.asText());
            }
            out.put(e.getKey(), lines);
        }
        return out;
    }
}
