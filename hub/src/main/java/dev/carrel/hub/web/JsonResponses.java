package dev.carrel.hub.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

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

    private void send(ServerResponse res, Status status, Object body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
        res.status(status).header(HeaderNames.CONTENT_TYPE, "application/json").send(bytes);
    }
}
