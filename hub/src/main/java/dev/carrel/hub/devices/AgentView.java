package dev.carrel.hub.devices;

import dev.carrel.protocol.Endpoint;
import java.time.Instant;
import java.util.List;

/**
 * An agent as the registry knows it: what {@code GET /api/agents} lists.
 *
 * @param eventsMissing events not received although a later seq of the same session was (gaps)
 * @param eventSession the newest session the agent's events came from; 0 before any event
 * @param lastSeq the highest seq received in that session; -1 before any event
 */
public record AgentView(
        String id,
        boolean online,
        Instant lastSeen,
        String version,
        long session,
        List<Endpoint> endpoints,
        long eventsMissing,
        long eventSession,
        long lastSeq) {}
