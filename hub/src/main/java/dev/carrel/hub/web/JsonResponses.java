package dev.carrel.hub.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** Writes JSON bodies and errors the same way in every service: {@code {"error": "..."}} with a status. */
public final class JsonResponses {
    private final ObjectMapper json;

    public JsonResponses(ObjectMapper json) {
        this.json = json;
    }

    public void send(ServerResponse res, Object body) {
        send(res, Status.OK_200, body);
    }

    public void error(ServerResponse res, Status status, String message) {
        send(res, status, Map.of("error", message));
    }

    /**
     * The request's body as a JSON object, or empty after answering 415 (not {@code application/json}: which
     * also keeps other sites' plain forms out) or 400 (not a JSON object).
     */
    public Optional<JsonNode> object(ServerRequest req, ServerResponse res) {
        boolean isJson = req.headers()
                .contentType()
                .map(HttpMediaType::mediaType)
                .map(t -> t.subtype().equals("json"))
                .orElse(false);
        if (!isJson) {
            error(res, Status.UNSUPPORTED_MEDIA_TYPE_415, "send application/json");
            return Optional.empty();
        }
        try {
            JsonNode node = json.readTree(req.content().as(byte[].class));
            if (node == null || !node.isObject()) {
                throw new IOException("not an object");
            }
            return Optional.of(node);
        } catch (IOException e) {
            error(res, Status.BAD_REQUEST_400, "the body must be a JSON object");
            return Optional.empty();
        }
    }

    public void send(ServerResponse res, Status status, Object body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
        res.status(status).header(HeaderNames.CONTENT_TYPE, "application/json").send(bytes);
    }
}
