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

/** {@code GET /api/agents} and {@code GET /api/agents/{id}}: the registry as JSON. */
public final class AgentsService implements HttpService {
    private final AgentRegistry registry;
    private final JsonResponses json;

    public AgentsService(AgentRegistry registry, JsonResponses json) {
        this.registry = registry;
        this.json = json;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list).get("/{id}", this::one);
    }

    private void list(ServerRequest req, ServerResponse res) throws SQLException {
        json.send(res, registry.list());
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
