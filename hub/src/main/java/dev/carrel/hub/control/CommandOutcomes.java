package dev.carrel.hub.control;

import dev.carrel.hub.control.TrackedCommand.State;
import dev.carrel.hub.spaces.Committed;
import dev.carrel.hub.store.StoreWriter;
import dev.carrel.hub.twins.Twins;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.CommandReply;
import dev.carrel.protocol.TwinDesired;
import dev.carrel.protocol.TwinReported;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settles commands: by the agent's reply on {@code replies/{name}}, by a reported twin that carries them, or
 * by expiry ({@link #sweep}, run every second by the hub and directly by tests with a forwarded clock).
 * An expired command's twin entry is reverted so its effect never reaches an agent that returns late.
 */
public final class CommandOutcomes {
    private final Control control;
    private final Twins twins;
    private final CommandStore commands;
    private final StoreWriter writer;
    private final java.time.Clock clock;

    public CommandOutcomes(
            Control control, Twins twins, CommandStore commands, StoreWriter writer, java.time.Clock clock) {
        this.control = control;
        this.twins = twins;
        this.commands = commands;
        this.writer = writer;
        this.clock = clock;
    }

    /**
     * A reply from the agent, on the store writer's connection (from ingest). A reverted twin is published
     * at once, just before the commit: the writer thread must not wait, and a twin is idempotent by version.
     */
    public void replied(Connection c, AgentId agent, CommandReply reply, Instant now) throws SQLException {
        State state =
                switch (reply.outcome()) {
                    case APPLIED -> State.APPLIED;
                    case FAILED, REJECTED -> State.FAILED;
                    case EXPIRED -> State.EXPIRED;
                };
        Optional<String> detail = reply.detail()
                .or(() ->
                        reply.outcome() == CommandReply.Outcome.REJECTED ? Optional.of("rejected") : Optional.empty());
        Optional<TrackedCommand> settled = commands.settle(c, reply.commandId().toString(), agent, state, detail, now);
        if (settled.isPresent()) {
            if (state == State.EXPIRED) {
                revert(c, settled.get()).ifPresent(d -> twins.publish(agent, d));
            }
            control.announce(settled.get());
        }
    }

    /** A reported twin: every pending command its applied version carries is applied. */
    public void reported(Connection c, AgentId agent, TwinReported reported, Instant now) throws SQLException {
        commands.appliedThrough(c, agent, reported.appliedVersion(), now).forEach(control::announce);
    }

    /** Expires the pending commands whose time has passed, reverting their twin entries; returns them. */
    public List<TrackedCommand> sweep() throws SQLException {
        Instant now = clock.instant();
        List<TrackedCommand> expired = new ArrayList<>();
        Map<AgentId, TwinDesired> reverted = new LinkedHashMap<>();
        Committed.write(writer, "command expiry", c -> {
            for (TrackedCommand due : commands.due(c, now)) {
                Optional<TrackedCommand> t = commands.settle(
                        c,
                        due.id(),
                        due.agent(),
                        State.EXPIRED,
                        Optional.of("no acknowledgement before " + due.expiresAt()),
                        now);
                if (t.isPresent()) {
                    expired.add(t.get());
                    revert(c, t.get()).ifPresent(d -> reverted.put(t.get().agent(), d));
                }
            }
        });
        reverted.forEach(twins::publish);
        expired.forEach(control::announce);
        return expired;
    }

    /** Puts the twin entry back as it was, if it still holds this command; empty if nothing changed. */
    private Optional<TwinDesired> revert(Connection c, TrackedCommand t) throws SQLException {
        var current = Control.entry(twins.desired(c, t.agent()), t.section(), t.endpoint());
        if (current.isEmpty() || !t.id().equals(current.get().get("command"))) {
            return Optional.empty(); // a later command replaced it: that one decides
        }
        Map<String, Object> restore = null;
        if (t.previous().isPresent()) {
            Map<String, Object> previous = control.parse(t.previous().get());
            Object by = previous.get("command");
            boolean confirmed = by == null
                    || commands.find(c, String.valueOf(by))
                            .map(p -> p.state() == State.APPLIED)
                            .orElse(false);
            restore = confirmed ? previous : null;
        }
        Map<String, Object> value = restore;
        return Optional.of(twins.change(c, t.agent(), state -> Twins.with(state, t.section(), t.endpoint(), value)));
    }
}
