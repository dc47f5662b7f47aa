package dev.carrel.hub.devices;

import dev.carrel.protocol.Endpoint;
import java.time.Instant;
import java.util.List;

/** An agent as the registry knows it: what {@code GET /api/agents} lists. */
public record AgentView(
        String id, boolean online, Instant lastSeen, String version, long session, List<Endpoint> endpoints) {}
