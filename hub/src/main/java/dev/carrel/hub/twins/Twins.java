package dev.carrel.hub.twins;

import dev.carrel.hub.spaces.Committed;
import dev.carrel.hub.store.StoreWriter;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.TwinDesired;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Desired twins: each change makes a new version, is committed, then published retained on
 * {@code twin/desired}; an agent applies the highest version it sees and reports it back. The hub re-sends
 * an agent's desired twin at its birth and every twin when the hub (re)connects, so a broker that lost its
 * retained messages is repaired.
 */
public final class Twins {
    private final TwinStore store;
    private final StoreWriter writer;
    private final AgentPublisher publisher;
    private final Clock clock;

    public Twins(TwinStore store, StoreWriter writer, AgentPublisher publisher, Clock clock) {
        this.store = store;
        this.writer = writer;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** What {@code GET /api/agents/{id}/twin} shows. */
    public record View(
            AgentId agent,
            long desiredVersion,
            Map<String, Object> desired,
            Optional<Instant> desiredAt,
            Optional<Long> appliedVersion,
            Optional<Map<String, Object>> reported,
            Optional<Instant> reportedAt,
            boolean inSync,
            List<TwinDiff.Difference> diff) {}

    public View view(AgentId agent) throws SQLException {
        Twin t = store.find(agent).orElse(Twin.empty(agent));
        var diff = TwinDiff.between(t.desired(), t.reported().orElse(Map.of()));
        boolean applied = t.appliedVersion().orElse(0L) >= t.desiredVersion();
        return new View(
                agent,
                t.desiredVersion(),
                t.desired(),
                t.desiredTs(),
                t.appliedVersion(),
                t.reported(),
                t.reportedTs(),
                applied && diff.isEmpty(),
                diff);
    }

    /** Changes one agent's desired state in its own transaction, then publishes it. */
    public TwinDesired change(AgentId agent, UnaryOperator<Map<String, Object>> change) throws SQLException {
        TwinDesired[] made = new TwinDesired[1];
        Committed.write(writer, "desired twin of " + agent, c -> made[0] = change(c, agent, change));
        publish(agent, made[0]);
        return made[0];
    }

    /**
     * Changes the desired state inside the caller's transaction; the caller publishes the result with
     * {@link #publish} after its commit.
     */
    public TwinDesired change(Connection c, AgentId agent, UnaryOperator<Map<String, Object>> change)
            throws SQLException {
        Map<String, Object> next =
                change.apply(new LinkedHashMap<>(store.read(c, agent).desired()));
        Instant now = clock.instant();
        long version = store.writeDesired(c, agent, next, now);
        return new TwinDesired(version, next, now);
    }

    public Map<String, Object> desired(Connection c, AgentId agent) throws SQLException {
        return store.read(c, agent).desired();
    }

    public void publish(AgentId agent, TwinDesired desired) {
        publisher.publish(agent, desired, true, Optional.empty());
    }

    /** Re-sends the agent's desired twin, if it has one: called at its birth. */
    public void resend(AgentId agent) throws SQLException {
        Optional<Twin> twin = store.find(agent);
        if (twin.isPresent() && twin.get().desiredVersion() > 0) {
            publish(agent, asDesired(twin.get()));
        }
    }

    /** Re-sends every desired twin: called when the hub (re)connects to the broker. */
    public void resendAll() throws SQLException {
        for (Twin t : store.all()) {
            if (t.desiredVersion() > 0) {
                publish(t.agent(), asDesired(t));
            }
        }
    }

    private TwinDesired asDesired(Twin t) {
        return new TwinDesired(t.desiredVersion(), t.desired(), t.desiredTs().orElse(clock.instant()));
    }

    /** A copy of {@code state} with {@code section.key} set to {@code value}, or removed when it is null. */
    public static Map<String, Object> with(Map<String, Object> state, String section, String key, Object value) {
        Map<String, Object> out = new LinkedHashMap<>(state);
        Map<String, Object> inner = new LinkedHashMap<>();
        if (out.get(section) instanceof Map<?, ?> m) {
            m.forEach((k, v) -> inner.put(String.valueOf(k), v));
        }
        if (value == null) {
            inner.remove(key);
        } else {
            inner.put(key, value);
        }
        if (inner.isEmpty()) {
            out.remove(section);
        } else {
            out.put(section, inner);
        }
        return out;
    }
}
