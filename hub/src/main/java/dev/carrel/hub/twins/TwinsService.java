package dev.carrel.hub.twins;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.spaces.Api;
import dev.carrel.hub.web.JsonResponses;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.InvalidFieldException;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.SQLException;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * {@code /api/agents/{id}/twin}: desired and reported state with the difference, and {@code PUT
 * /api/agents/{id}/twin/config} to set the agent's free-form configuration section. The {@code lamps},
 * {@code outlets} and {@code schedule} sections belong to control and schedules and are not set here.
 */
public final class TwinsService implements HttpService {
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    /** Whether the hub knows an agent: from its birth, or from the space model's agents section. */
    public interface KnownAgents {
        boolean known(AgentId agent) throws SQLException;
    }

    private final Twins twins;
    private final KnownAgents agents;
    private final ObjectMapper mapper;
    private final JsonResponses out;

    public TwinsService(Twins twins, KnownAgents agents, ObjectMapper mapper, JsonResponses out) {
        this.twins = twins;
        this.agents = agents;
        this.mapper = mapper;
        this.out = out;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{id}/twin", this::get).put("/{id}/twin/config", this::putConfig);
    }

    private AgentId agent(ServerRequest req) throws SQLException {
        AgentId id;
        try {
            id = AgentId.of(req.path().pathParameters().get("id"));
        } catch (InvalidFieldException e) {
            throw new InvalidFieldException("id", e.reason());
        }
        if (!agents.known(id)) {
            throw new NoSuchElementException("no agent '" + id + "'");
        }
        return id;
    }

    private void get(ServerRequest req, ServerResponse res) throws SQLException {
        Api.guard(out, res, () -> out.send(res, twins.view(agent(req))));
    }

    private void putConfig(ServerRequest req, ServerResponse res) throws SQLException {
        Api.guard(out, res, () -> {
            AgentId id = agent(req);
            JsonNode body = Api.body(req, mapper);
            Map<String, Object> config = mapper.convertValue(body, OBJECT);
            checkNoNulls("", config);
            twins.change(id, state -> {
                var next = new java.util.LinkedHashMap<>(state);
                next.put("config", config);
                return next;
            });
            out.send(res, twins.view(id));
        });
    }

    /** Twin states may hold no null (docs/mqtt-contract.md); refuse it here, naming the field. */
    private static void checkNoNulls(String path, Object value) {
        if (value == null) {
            throw new InvalidFieldException(path, "must not be null");
        }
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> checkNoNulls(path.isEmpty() ? String.valueOf(k) : path + "." + k, v));
        } else if (value instanceof java.util.List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                checkNoNulls(path + "[" + i + "]", l.get(i));
            }
        }
    }
}
