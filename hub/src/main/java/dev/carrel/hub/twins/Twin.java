package dev.carrel.hub.twins;

import dev.carrel.protocol.AgentId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One agent's twin as stored: the desired state the hub wants (with its version, 0 before the first) and
 * the state the agent last reported with the desired version it had applied.
 */
public record Twin(
        AgentId agent,
        long desiredVersion,
        Map<String, Object> desired,
        Optional<Instant> desiredTs,
        Optional<Long> appliedVersion,
        Optional<Map<String, Object>> reported,
        Optional<Instant> reportedTs) {

    public static Twin empty(AgentId agent) {
        return new Twin(agent, 0, Map.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
