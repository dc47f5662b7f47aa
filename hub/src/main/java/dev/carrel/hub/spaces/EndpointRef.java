package dev.carrel.hub.spaces;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.InvalidFieldException;
import java.util.regex.Pattern;

/**
 * One device endpoint of one agent, written {@code agentId/endpointId} in the space file and the API: the
 * agent id names who drives it, the endpoint id is the one the agent announces in its birth.
 */
public record EndpointRef(AgentId agent, String endpoint) implements Comparable<EndpointRef> {
    private static final Pattern ENDPOINT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    public EndpointRef {
        if (agent == null || endpoint == null || !ENDPOINT.matcher(endpoint).matches()) {
            throw new InvalidFieldException("endpoint", "is not a valid endpoint id: '" + endpoint + "'");
        }
    }

    /** Whether {@code endpoint} is a well-formed endpoint id (the part after the slash). */
    public static boolean valid(String endpoint) {
        return endpoint != null && ENDPOINT.matcher(endpoint).matches();
    }

    /** Parses {@code agentId/endpointId}; an error names {@code field}. */
    public static EndpointRef parse(String field, String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new InvalidFieldException(field, "must be 'agentId/endpointId', got '" + text + "'");
        }
        try {
            return new EndpointRef(AgentId.of(text.substring(0, slash)), text.substring(slash + 1));
        } catch (InvalidFieldException e) {
            throw new InvalidFieldException(field, "must be 'agentId/endpointId', got '" + text + "': " + e.reason());
        }
    }

    @Override
    public int compareTo(EndpointRef o) {
        int byAgent = agent.compareTo(o.agent);
        return byAgent != 0 ? byAgent : endpoint.compareTo(o.endpoint);
    }

    @JsonValue
    @Override
    public String toString() {
        return agent.value() + "/" + endpoint;
    }
}
