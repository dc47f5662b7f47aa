package dev.carrel.hub.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.control.TrackedCommand.State;
import dev.carrel.hub.live.ChangeFeed;
import dev.carrel.hub.spaces.Committed;
import dev.carrel.hub.spaces.Spaces;
import dev.carrel.hub.store.StoreWriter;
import dev.carrel.hub.twins.AgentPublisher;
import dev.carrel.hub.twins.Twins;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Command;
import dev.carrel.protocol.CommandBody;
import dev.carrel.protocol.EventIds;
import dev.carrel.protocol.InvalidFieldException;
import dev.carrel.protocol.TwinDesired;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns a control request into one command per lamp and outlet, grouped by agent, and puts the effect into
 * each agent's desired twin in the same transaction, so an agent that is offline gets it when it returns.
 * After the commit the twins are published, then the commands, each with its MQTT message expiry.
 *
 * <p>If a command expires unapplied, its twin entry goes back to what it was (when no later command
 * replaced it), so a stale effect never reaches an agent that returns late. A reported twin whose applied
 * version carries a command settles it as applied: the agent may have got it through the twin.
 */
public final class Control {
    private static final TypeReference<Map<String, Object>> ENTRY = new TypeReference<>() {};

    private final Spaces spaces;
    private final Twins twins;
    private final CommandStore commands;
    private final StoreWriter writer;
    private final AgentPublisher publisher;
    private final Effects effects;

    /** The parts a command's life touches besides the stores: ids, time, JSON and the live stream. */
    public record Effects(EventIds ids, Clock clock, ObjectMapper json, ChangeFeed feed) {}

    public Control(
            Spaces spaces,
            Twins twins,
            CommandStore commands,
            StoreWriter writer,
            AgentPublisher publisher,
            Effects effects) {
        this.spaces = spaces;
        this.twins = twins;
        this.commands = commands;
        this.writer = writer;
        this.publisher = publisher;
        this.effects = effects;
    }

    /** What {@code POST /api/control} answers: the request id and its commands, all pending. */
    public record Receipt(String requestId, Instant expiresAt, List<TrackedCommand> commands) {}

    public Receipt submit(ControlRequest request) throws SQLException {
        Target.Devices devices = request.target().resolve(spaces.current());
        String field = "target." + request.target().level().wire();
        if ((request.lamp().isEmpty() || devices.lamps().isEmpty())
                && (request.outletOn().isEmpty() || devices.outlets().isEmpty())) {
            throw new InvalidFieldException(
                    field,
                    request.target().level().wire() + " '" + request.target().id()
                            + "' has no lamp or outlet bound for this action");
        }
        return submit(devices, request.lamp(), request.outletOn(), request.ttl());
    }

    /** Switches the given devices (schedules use this for a building's common lighting); none is a no-op. */
    public Receipt submit(
            Target.Devices devices, Optional<ControlRequest.LampAction> lamp, Optional<Boolean> outletOn, Duration ttl)
            throws SQLException {
        Map<AgentId, List<Command>> byAgent = new TreeMap<>();
        Instant now = effects.clock().instant();
        Instant expiresAt = now.plus(ttl);
        lamp.ifPresent(l -> devices.lamps().forEach(r -> byAgent.computeIfAbsent(r.agent(), a -> new ArrayList<>())
                .add(new Command(
                        effects.ids().next(),
                        expiresAt,
                        new CommandBody.SetLamp(r.endpoint(), l.on(), l.brightness())))));
        outletOn.ifPresent(on -> devices.outlets().forEach(r -> byAgent.computeIfAbsent(
                        r.agent(), a -> new ArrayList<>())
                .add(new Command(effects.ids().next(), expiresAt, new CommandBody.SetOutlet(r.endpoint(), on)))));
        if (byAgent.isEmpty()) {
            return new Receipt("", expiresAt, List.of());
        }
        String requestId = effects.ids().next().toString();
        Map<AgentId, TwinDesired> desired = new LinkedHashMap<>();
        List<TrackedCommand> tracked = new ArrayList<>();
        Committed.write(writer, "control request " + requestId, c -> {
            for (var e : byAgent.entrySet()) {
                record(c, requestId, e.getKey(), e.getValue(), now, desired, tracked);
            }
        });
        desired.forEach(twins::publish);
        long ttlSeconds = Math.max(1, Duration.between(now, expiresAt).toSeconds());
        byAgent.forEach((agent, list) ->
                list.forEach(cmd -> publisher.publish(agent, cmd, false, Optional.of(Duration.ofSeconds(ttlSeconds)))));
        tracked.forEach(this::announce);
        return new Receipt(requestId, expiresAt, tracked);
    }

    /**
     * Sends a maintenance command (identify, reload, sync) to one agent and follows it like a switch: pending
     * until the agent's reply, or expired. It changes no twin, so no twin version ever settles it.
     */
    public TrackedCommand maintenance(AgentId agent, CommandBody body, Duration ttl) throws SQLException {
        Instant now = effects.clock().instant();
        Command cmd = new Command(effects.ids().next(), now.plus(ttl), body);
        TrackedCommand t = new TrackedCommand(
                cmd.id().toString(),
                cmd.id().toString(),
                agent,
                "",
                cmd.name().wire(),
                State.PENDING,
                Optional.empty(),
                now,
                cmd.expiresAt(),
                now,
                Long.MAX_VALUE,
                Optional.empty());
        Committed.write(writer, "maintenance command " + t.id(), c -> commands.insert(c, t, text(body)));
        publisher.publish(agent, cmd, false, Optional.of(ttl));
        announce(t);
        return t;
    }

    private void record(
            Connection c,
            String requestId,
            AgentId agent,
            List<Command> list,
            Instant now,
            Map<AgentId, TwinDesired> desired,
            List<TrackedCommand> tracked)
            throws SQLException {
        Map<String, Optional<String>> previous = new LinkedHashMap<>();
        TwinDesired twin = twins.change(c, agent, state -> {
            Map<String, Object> next = state;
            for (Command cmd : list) {
                String section = section(cmd.body());
                String endpoint = endpoint(cmd.body());
                previous.put(cmd.id().toString(), entry(next, section, endpoint).map(this::text));
                next = Twins.with(next, section, endpoint, twinEntry(cmd));
            }
            return next;
        });
        desired.put(agent, twin);
        for (Command cmd : list) {
            TrackedCommand t = new TrackedCommand(
                    cmd.id().toString(),
                    requestId,
                    agent,
                    endpoint(cmd.body()),
                    cmd.name().wire(),
                    State.PENDING,
                    Optional.empty(),
                    now,
                    cmd.expiresAt(),
                    now,
                    twin.version(),
                    previous.get(cmd.id().toString()));
            commands.insert(c, t, text(cmd.body()));
            tracked.add(t);
        }
    }

    /** The twin entry a command stands for: the state it asks, and its id so its expiry can find it. */
    private static Map<String, Object> twinEntry(Command cmd) {
        Map<String, Object> entry = new LinkedHashMap<>();
        switch (cmd.body()) {
            case CommandBody.SetLamp l -> {
                entry.put("on", l.on());
                l.brightness().ifPresent(b -> entry.put("brightness", b));
            }
            case CommandBody.SetOutlet o -> entry.put("on", o.on());
            default -> throw new IllegalArgumentException("control sends lamp and outlet commands only");
        }
        entry.put("command", cmd.id().toString());
        return entry;
    }

    static String section(CommandBody body) {
        return body instanceof CommandBody.SetLamp ? "lamps" : "outlets";
    }

    static String endpoint(CommandBody body) {
        return switch (body) {
            case CommandBody.SetLamp l -> l.endpointId();
            case CommandBody.SetOutlet o -> o.endpointId();
            default -> throw new IllegalArgumentException("control sends lamp and outlet commands only");
        };
    }

    static Optional<Map<String, Object>> entry(Map<String, Object> state, String section, String endpoint) {
        if (state.get(section) instanceof Map<?, ?> m && m.get(endpoint) instanceof Map<?, ?> e) {
            Map<String, Object> out = new LinkedHashMap<>();
            e.forEach((k, v) -> out.put(String.valueOf(k), v));
            return Optional.of(out);
        }
        return Optional.empty();
    }

    String text(Object value) {
        try {
            return effects.json().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }

    Map<String, Object> parse(String text) {
        try {
            return effects.json().readValue(text, ENTRY);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored twin entry is not JSON", e);
        }
    }

    /** Command changes go to the unfiltered stream only: a zone's kiosk shows lamps, not commands. */
    void announce(TrackedCommand t) {
        effects.feed().publish("command", "", t);
    }

    public List<TrackedCommand> request(String requestId) throws SQLException {
        return commands.byRequest(requestId);
    }
}
