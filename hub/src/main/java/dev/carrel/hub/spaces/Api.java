package dev.carrel.hub.spaces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.web.JsonResponses;
import dev.carrel.protocol.InvalidFieldException;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.util.NoSuchElementException;

/**
 * The REST conventions of the facilities endpoints: a request body is one JSON object; bad input is 400
 * naming the field, an unknown id 404, a conflict with the current state 409, all as {@code {"error": ...}}
 * through {@link JsonResponses}. A handler that throws one of these has changed nothing.
 */
public final class Api {
    private Api() {}

    /** A handler body that may refuse its input by throwing. */
    public interface Action {
        void run() throws SQLException;
    }

    public static JsonNode body(ServerRequest req, ObjectMapper json) {
        byte[] bytes = req.content().hasEntity() ? req.content().as(byte[].class) : new byte[0];
        if (bytes.length == 0) {
            throw new InvalidFieldException("$", "a JSON object is required as the request body");
        }
        try {
            JsonNode node = json.readTree(bytes);
            return Fields.object(node, "");
        } catch (IOException e) {
            throw new InvalidFieldException(
                    "$", "not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /**
     * A JSON body with a status other than 200 ({@link JsonResponses#send} always answers 200), written the
     * same way.
     */
    public static void send(ObjectMapper json, ServerResponse res, Status status, Object body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
        res.status(status)
                .header(io.helidon.http.HeaderNames.CONTENT_TYPE, "application/json")
                .send(bytes);
    }

    public static void guard(JsonResponses out, ServerResponse res, Action action) throws SQLException {
        try {
            action.run();
        } catch (InvalidFieldException e) {
            out.error(res, Status.BAD_REQUEST_400, "field '" + e.field() + "' " + e.reason());
        } catch (NoSuchElementException e) {
            out.error(res, Status.NOT_FOUND_404, e.getMessage());
        } catch (IllegalStateException e) {
            out.error(res, Status.CONFLICT_409, e.getMessage());
        }
    }
}
