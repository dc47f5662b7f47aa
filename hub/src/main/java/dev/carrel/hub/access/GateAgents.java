package dev.carrel.hub.access;

import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which agents are gates, and which of them are online. A gate agent is one whose birth announces an
 * endpoint of kind {@code gate} (the relay of a turnstile or door): it is the agent that decides entries
 * and so needs the allow-list, the reminders and the pass key. Desk readers at seats and kiosks do not.
 * Seeded from the agent registry at start, then kept current from births and deaths. Thread-safe.
 */
public final class GateAgents {
    private final Map<AgentId, Boolean> gates = new ConcurrentHashMap<>();

    /** Whether a birth with these endpoints makes a gate. */
    public static boolean isGate(List<Endpoint> endpoints) {
        return endpoints.stream().anyMatch(e -> e.kind() == Endpoint.Kind.GATE);
    }

    /** Records a birth; returns whether the agent is a gate. */
    public boolean born(AgentId agent, List<Endpoint> endpoints) {
        if (isGate(endpoints)) {
            gates.put(agent, true);
            return true;
        }
        gates.remove(agent);
        return false;
    }

    public void died(AgentId agent) {
        gates.computeIfPresent(agent, (a, online) -> false);
    }

    public boolean isGate(AgentId agent) {
        return gates.containsKey(agent);
    }

    public Set<AgentId> online() {
        return gates.entrySet().stream()
                .filter(Map.Entry::getValue)
                .map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toSet());
    }

    public Set<AgentId> all() {
        return Set.copyOf(gates.keySet());
    }
}
