package dev.carrel.hub.reservations;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.spaces.Api;
import dev.carrel.hub.web.JsonResponses;
import dev.carrel.protocol.InvalidFieldException;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * The facilities' REST conventions ({@link Api}) plus a refusal's code: {@code {"error", "code"}}, 403 for a
 * patron who may not book now, 409 for any other rule that refuses.
 */
final class Answers {
    private final ObjectMapper json;
    private final JsonResponses out;

    Answers(ObjectMapper json, JsonResponses out) {
        this.json = json;
        this.out = out;
    }

    void guard(ServerResponse res, Api.Action action) throws SQLException {
        Api.guard(out, res, () -> {
            try {
                action.run();
            } catch (Refused r) {
                Status status = r.code() == Refused.Code.BANNED ? Status.FORBIDDEN_403 : Status.CONFLICT_409;
                Api.send(
                        json,
                        res,
                        status,
                        Map.of("error", r.getMessage(), "code", r.code().wire()));
            }
        });
    }

    void send(ServerResponse res, Object body) {
        out.send(res, body);
    }

    void created(ServerResponse res, Object body) {
        Api.send(json, res, Status.CREATED_201, body);
    }

    void error(ServerResponse res, Status status, String message) {
        out.error(res, status, message);
    }

    static Optional<String> param(ServerRequest req, String name) {
        return req.query().first(name).asOptional().map(String::strip).filter(s -> !s.isEmpty());
    }

    static int limit(ServerRequest req) {
        Optional<String> v = param(req, "limit");
        if (v.isEmpty()) {
            return 100;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n >= 1 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidFieldException("limit", "must be a whole number from 1 to 1000");
    }
}
