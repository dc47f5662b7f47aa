package dev.carrel.drivers.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/** Lenient JSON reads of device payloads: a malformed payload is empty, never an exception. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Optional<JsonNode> parse(byte[] payload) {
        try {
            JsonNode n = MAPPER.readTree(payload);
            return n != null && n.isObject() ? Optional.of(n) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String text(byte[] payload) {
        return new String(payload, java.nio.charset.StandardCharsets.UTF_8).trim();
    }

    private Json() {}
}
