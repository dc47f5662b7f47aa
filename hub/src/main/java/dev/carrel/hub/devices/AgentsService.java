package dev.carrel.hub.devices;

import dev.carrel.hub.web.JsonResponses;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.InvalidFieldException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.SQLException;

/**
 * {@code GET /api/agents} and {@code GET /api/agents/{id}}: the registry as JSON; {@code GET
 * /api/agents/{id}/events?limit=} (1-500, default 50): the agent's newest stored events.
 */
public final class AgentsService implements HttpService {
    private final AgentRegistry registry;
    private final EventHistory events;
    private final JsonResponses json;

    public AgentsService(AgentRegistry registry, EventHistory events, JsonResponses json) {
        this.registry = registry;
        this.events = events;
        this.json = json;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list).get("/{id}", this::one).get("/{id}/events", this::events);
    }

    private void list(ServerRequest req, ServerResponse res) throws SQLException {
        json.send(res, registry.list());
    }

    private void events(ServerRequest req, ServerResponse res) throws SQLException {
        AgentId id;
        int limit;
        try {
            id = AgentId.of(req.path().pathParameters().get("id"));
            limit = limit(req.query().first("limit").orElse("50"));
        } catch (InvalidFieldException e) {
            json.error(res, Status.BAD_REQUEST_400, e.getMessage());
            return;
        }
        json.send(res, events.recent(id, limit));
    }

    private static int limit(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= 500) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidFieldException("limit", "must be a whole number 1-500, not '" + text + "'");
    }

    private void one(ServerRequest req, ServerResponse res) throws SQLException {
        AgentId id;
        try {
            id = AgentId.of(req.path().pathParameters().get("id"));
        } catch (InvalidFieldException e) {
            json.error(res, Status.BAD_REQUEST_400, e.getMessage());
            return;
        }
        var agent = registry.find(id);
        if (agent.isPresent()) {
            json.send(res, agent.get());
        } else {
            json.error(res, Status.NOT_FOUND_404, "no agent '" + id + "'");
        }
    }
}
