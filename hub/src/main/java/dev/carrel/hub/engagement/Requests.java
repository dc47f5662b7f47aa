package dev.carrel.hub.engagement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.web.JsonResponses;
import dev.carrel.protocol.InvalidFieldException;
import dev.carrel.protocol.WireJson;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Reading requests the same way in every engagement route: a bad query parameter or body field is an
 * {@link InvalidFieldException} naming it, answered 400 by {@link #answer}, which also turns the
 * engagement's own refusals into their statuses. A handler that throws one has changed nothing.
 */
final class Requests {
    private Requests() {}

    /** A request the rules refuse: 409 with a code the page can translate. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String code;

        Refused(String code, String message) {
            super(message);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    /** A route's work; its failures become answers. */
    interface Handler {
        void handle() throws Exception;
    }

    static void answer(ServerResponse res, JsonResponses out, Handler handler) throws Exception {
        try {
            handler.handle();
        } catch (InvalidFieldException e) {
            out.error(res, Status.BAD_REQUEST_400, "field '" + e.field() + "' " + e.reason());
        } catch (NoSuchElementException e) {
            out.error(res, Status.NOT_FOUND_404, e.getMessage());
        } catch (Refused e) {
            send(res, Status.CONFLICT_409, Map.of("error", e.getMessage(), "code", e.code()));
        }
    }

    /** A JSON answer with a status other than 200. */
    static void send(ServerResponse res, Status status, Object body) {
        try {
            res.status(status)
                    .header(HeaderNames.CONTENT_TYPE, "application/json")
                    .send(WireJson.mapper().writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName(), e);
        }
    }

    static Optional<String> text(ServerRequest req, String name) {
        return req.query().first(name).asOptional().map(String::strip).filter(s -> !s.isEmpty());
    }

    static Optional<Instant> instant(ServerRequest req, String name) {
        Optional<String> v = text(req, name);
        try {
            return v.map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(name, "must be an ISO-8601 instant such as 2026-01-05T09:00:00Z");
        }
    }

    static Optional<YearMonth> month(ServerRequest req, String name) {
        Optional<String> v = text(req, name);
        try {
            return v.map(YearMonth::parse);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(name, "must be a month such as 2026-03, not '" + v.get() + "'");
        }
    }

    static int limit(ServerRequest req, int fallback, int max) {
        Optional<String> v = text(req, "limit");
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(v.get());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidFieldException("limit", "must be a whole number from 1 to " + max);
    }

    static JsonNode body(ServerRequest req, ObjectMapper json) {
        try {
            JsonNode node = json.readTree(req.content().as(byte[].class));
            if (node == null || !node.isObject()) {
                throw new InvalidFieldException("$", "the body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new InvalidFieldException("$", "the body must be a JSON object");
        }
    }
}
