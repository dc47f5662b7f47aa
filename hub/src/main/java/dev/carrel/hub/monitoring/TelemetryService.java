package dev.carrel.hub.monitoring;

import dev.carrel.hub.web.JsonResponses;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.InvalidFieldException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code GET /api/agents/{id}/telemetry?from=&to=}: downsampled buckets and full-resolution samples between
 * two ISO-8601 instants; {@code to} defaults to now and {@code from} to an hour before {@code to}. And
 * {@link #latest} for {@code GET /api/telemetry/latest}: every agent's newest sample, for the fleet table.
 */
public final class TelemetryService implements HttpService {
    private static final int MAX_SAMPLES = 20_000;
    private static final Duration DEFAULT_RANGE = Duration.ofHours(1);

    private final TelemetryStore telemetry;
    private final Clock clock;
    private final JsonResponses json;

    public TelemetryService(TelemetryStore telemetry, Clock clock, JsonResponses json) {
        this.telemetry = telemetry;
        this.clock = clock;
        this.json = json;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{id}/telemetry", this::history);
    }

    public void latest(ServerRequest req, ServerResponse res) throws SQLException {
        json.send(res, telemetry.latest());
    }

    private void history(ServerRequest req, ServerResponse res) throws SQLException {
        AgentId agent;
        try {
            agent = AgentId.of(req.path().pathParameters().get("id"));
        } catch (InvalidFieldException e) {
            json.error(res, Status.BAD_REQUEST_400, e.getMessage());
            return;
        }
        QueryParameters query = new QueryParameters(req.query());
        Instant from;
        Instant to;
        try {
            to = query.instant("to").orElseGet(clock::instant);
            from = query.instant("from").orElse(to.minus(DEFAULT_RANGE));
        } catch (QueryParameters.BadRequest e) {
            json.error(res, Status.BAD_REQUEST_400, e.getMessage());
            return;
        }
        if (!from.isBefore(to)) {
            json.error(res, Status.BAD_REQUEST_400, "'from' (" + from + ") must be before 'to' (" + to + ")");
            return;
        }
        json.send(res, telemetry.history(agent.value(), from, to, MAX_SAMPLES));
    }
}
