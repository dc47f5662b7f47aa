package dev.carrel.hub.monitoring;

import io.helidon.common.parameters.Parameters;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads and checks query parameters; a bad one is a {@link BadRequest} naming it. */
public final class QueryParameters {
    private final Parameters query;

    public QueryParameters(Parameters query) {
        this.query = query;
    }

    /** A 400 answer's message. */
    public static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    public Optional<String> text(String name) {
        return query.first(name).asOptional().map(String::strip).filter(s -> !s.isEmpty());
    }

    public int limit(int fallback, int max) throws BadRequest {
        Optional<String> value = text("limit");
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(value.get());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequest(
                "query parameter 'limit' must be a whole number from 1 to " + max + ", not '" + value.get() + "'");
    }

    public Optional<Instant> instant(String name) throws BadRequest {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.get()));
        } catch (DateTimeParseException e) {
            throw new BadRequest("query parameter '" + name + "' must be an ISO-8601 instant such as"
                    + " 2026-01-05T09:00:00Z, not '" + value.get() + "'");
        }
    }
}
