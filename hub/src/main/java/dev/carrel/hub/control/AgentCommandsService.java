package dev.carrel.hub.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.devices.AgentRegistry;
import dev.carrel.hub.spaces.Api;
import dev.carrel.hub.web.JsonResponses;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.CommandBody;
import dev.carrel.protocol.InvalidFieldException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;

/**
 * {@code POST /api/agents/{id}/commands} with {@code {"command": "identify" | "reload" | "sync", "seconds"}}:
 * the maintenance commands of the MQTT contract (docs/mqtt-contract.md), sent to one known agent with a
 * 30-second expiry (also the MQTT message expiry, so an offline agent never gets a stale one). Answers 202
 * with the command as {@code GET /api/control/{id}} shows it: pending until the agent's reply settles it
 * (applied or failed) or it expires, each change also on the stream as a {@code command} event. An agent
 * the hub never heard from is a 404.
 */
final class AgentCommandsService implements HttpService {
    static final Duration TTL = Duration.ofSeconds(30);

    private final AgentRegistry registry;
    private final Control control;
    private final ObjectMapper mapper;
    private final JsonResponses json;

    AgentCommandsService(AgentRegistry registry, Control control, ObjectMapper mapper, JsonResponses json) {
        this.registry = registry;
        this.control = control;
        this.mapper = mapper;
        this.json = json;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/{id}/commands", this::send);
    }

    private void send(ServerRequest req, ServerResponse res) throws SQLException {
        AgentId agent;
        CommandBody body;
        try {
            agent = AgentId.of(req.path().pathParameters().get("id"));
            body = body(req);
        } catch (InvalidFieldException e) {
            json.error(res, Status.BAD_REQUEST_400, e.getMessage());
            return;
        }
        if (registry.find(agent).isEmpty()) {
            json.error(res, Status.NOT_FOUND_404, "no agent '" + agent + "'");
            return;
        }
        Api.send(mapper, res, Status.ACCEPTED_202, control.maintenance(agent, body, TTL));
    }

    private CommandBody body(ServerRequest req) {
        JsonNode node;
        try {
            node = mapper.readTree(req.content().as(String.class));
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw new InvalidFieldException("command", "expected {\"command\": \"identify\" | \"reload\" | \"sync\"}");
        }
        String name = node.path("command").asText("");
        JsonNode seconds = node.path("seconds");
        return switch (name) {
            case "identify" -> {
                int s = seconds.isMissingNode() ? 10 : seconds.asInt(-1);
                if (!seconds.isMissingNode() && (!seconds.canConvertToInt() || s < 1 || s > 300)) {
                    throw new InvalidFieldException("seconds", "must be a whole number of seconds, 1-300");
                }
                yield new CommandBody.Identify(s);
            }
            case "reload" -> new CommandBody.Reload();
            case "sync" -> new CommandBody.Sync();
            default ->
                throw new InvalidFieldException("command", "must be identify, reload or sync, not '" + name + "'");
        };
    }
}
