package dev.carrel.hub.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.devices.AgentRegistry;
import dev.carrel.hub.spaces.Api;
import dev.carrel.hub.twins.AgentPublisher;
import dev.carrel.hub.web.JsonResponses;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Command;
import dev.carrel.protocol.CommandBody;
import dev.carrel.protocol.EventIds;
import dev.carrel.protocol.InvalidFieldException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/agents/{id}/commands} with {@code {"command": "identify" | "reload" | "sync", "seconds"}}:
 * the maintenance commands of the MQTT contract (docs/mqtt-contract.md), sent to one known agent with a
 * 30-second expiry (also the MQTT message expiry, so an offline agent never gets a stale one). Answers 202
 * with the command's id; the agent's reply is not tracked, since none of these changes the twin. An agent
 * the hub never heard from is a 404.
 */
final class AgentCommandsService implements HttpService {
    static final Duration TTL = Duration.ofSeconds(30);

    private final AgentRegistry registry;
    private final AgentPublisher publisher;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final JsonResponses json;

    AgentCommandsService(
            AgentRegistry registry, AgentPublisher publisher, ObjectMapper mapper, Clock clock, JsonResponses json) {
        this.registry = registry;
        this.publisher = publisher;
        this.mapper = mapper;
        this.clock = clock;
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
        Instant expiresAt = clock.instant().plus(TTL);
        Command command = new Command(EventIds.system().next(), expiresAt, body);
        publisher.publish(agent, command, false, Optional.of(TTL));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", command.id().toString());
        out.put("agent", agent.value());
        out.put("command", command.name().wire());
        out.put("expiresAt", expiresAt.toString());
        Api.send(mapper, res, Status.ACCEPTED_202, out);
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
