package dev.carrel.hub.control;

import dev.carrel.hub.devices.AgentRegistry;
import dev.carrel.hub.spaces.Spaces;
import dev.carrel.protocol.AgentId;
import java.sql.SQLException;

/** An agent is known once it was heard from (the registry) or is declared in the space model. */
final class KnownAgents {
    private final AgentRegistry registry;
    private final Spaces spaces;

    KnownAgents(AgentRegistry registry, Spaces spaces) {
        this.registry = registry;
        this.spaces = spaces;
    }

    boolean known(AgentId agent) throws SQLException {
        return spaces.current().agents().containsKey(agent)
                || registry.find(agent).isPresent();
    }
}
