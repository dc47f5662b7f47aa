package dev.carrel.protocol;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One concrete topic of the contract (DESIGN §4), always under {@code carrel/v1/agents/{agentId}/}.
 *
 * <p>{@link #name()} is the last level for the kinds that have one: the event type of {@code events/{type}},
 * the command of {@code commands/{name}} and its reply {@code replies/{name}}, and the request of
 * {@code requests/{name}} and its response {@code responses/{name}}. {@link #parse(String)} accepts exactly
 * the strings that the builders produce.
 */
public record Topic(AgentId agent, Kind kind, Optional<String> name) {
    public static final String ROOT = "carrel/v1/agents/";

    /** Names of events, commands and requests: snake_case, as on the wire. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,47}");

    /** The topic kinds, with their path below the agent's prefix and who publishes them. */
    public enum Kind {
        STATUS("status", false, Direction.AGENT_TO_HUB),
        EVENT("events", true, Direction.AGENT_TO_HUB),
        TELEMETRY("telemetry", false, Direction.AGENT_TO_HUB),
        TWIN_DESIRED("twin/desired", false, Direction.HUB_TO_AGENT),
        TWIN_REPORTED("twin/reported", false, Direction.AGENT_TO_HUB),
        COMMAND("commands", true, Direction.HUB_TO_AGENT),
        COMMAND_REPLY("replies", true, Direction.AGENT_TO_HUB),
        REQUEST("requests", true, Direction.AGENT_TO_HUB),
        RESPONSE("responses", true, Direction.HUB_TO_AGENT),
        CREDENTIALS("credentials", false, Direction.HUB_TO_AGENT);

        private final String path;
        private final boolean named;
        private final Direction direction;

        Kind(String path, boolean named, Direction direction) {
            this.path = path;
            this.named = named;
            this.direction = direction;
        }

        public String path() {
            return path;
        }

        public boolean named() {
            return named;
        }

        public Direction direction() {
            return direction;
        }
    }

    public enum Direction {
        AGENT_TO_HUB,
        HUB_TO_AGENT
    }

    public Topic {
        Check.present("agent", agent);
        Check.present("kind", kind);
        name = Check.optional("name", name);
        if (kind.named() != name.isPresent()) {
            throw new InvalidFieldException(
                    "name", kind.named() ? kind + " topics need a name" : kind + " topics have no name");
        }
        name.ifPresent(n -> {
            if (!NAME.matcher(n).matches()) {
                throw new InvalidFieldException("name", "must be snake_case, got '" + n + "'");
            }
        });
    }

    public static Topic status(AgentId agent) {
        return new Topic(agent, Kind.STATUS, Optional.empty());
    }

    public static Topic event(AgentId agent, String type) {
        return new Topic(agent, Kind.EVENT, Optional.of(type));
    }

    public static Topic telemetry(AgentId agent) {
        return new Topic(agent, Kind.TELEMETRY, Optional.empty());
    }

    public static Topic twinDesired(AgentId agent) {
        return new Topic(agent, Kind.TWIN_DESIRED, Optional.empty());
    }

    public static Topic twinReported(AgentId agent) {
        return new Topic(agent, Kind.TWIN_REPORTED, Optional.empty());
    }

    public static Topic command(AgentId agent, String name) {
        return new Topic(agent, Kind.COMMAND, Optional.of(name));
    }

    public static Topic commandReply(AgentId agent, String name) {
        return new Topic(agent, Kind.COMMAND_REPLY, Optional.of(name));
    }

    public static Topic request(AgentId agent, String name) {
        return new Topic(agent, Kind.REQUEST, Optional.of(name));
    }

    public static Topic response(AgentId agent, String name) {
        return new Topic(agent, Kind.RESPONSE, Optional.of(name));
    }

    public static Topic credentials(AgentId agent) {
        return new Topic(agent, Kind.CREDENTIALS, Optional.empty());
    }

    /** The prefix an agent owns: it may publish and subscribe below it and nowhere else. */
    public static String prefix(AgentId agent) {
        return ROOT + agent.value() + "/";
    }

    /**
     * The topic filter for one kind across all agents, e.g. {@code carrel/v1/agents/+/events/+}; a hub
     * subscribes to it, usually inside a shared subscription ({@link #shared(String, String)}).
     */
    public static String filterAllAgents(Kind kind) {
        return ROOT + "+/" + kind.path() + (kind.named() ? "/+" : "");
    }

    /** A shared subscription ({@code $share/{group}/{filter}}, MQTT 5 §4.8.2) so hubs split the load. */
    public static String shared(String group, String filter) {
        return "$share/" + group + "/" + filter;
    }

    /**
     * Parses a topic string.
     *
     * @throws InvalidFieldException naming {@code topic} when the string is not a topic of this contract
     */
    public static Topic parse(String topic) {
        Check.present("topic", topic);
        if (!topic.startsWith(ROOT)) {
            throw new InvalidFieldException("topic", "not a Carrel v1 agent topic: '" + topic + "'");
        }
        String rest = topic.substring(ROOT.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw new InvalidFieldException("topic", "no topic below the agent id: '" + topic + "'");
        }
        AgentId agent = parseAgent(rest.substring(0, slash), topic);
        String path = rest.substring(slash + 1);
        for (Kind kind : Kind.values()) {
            if (!kind.named() && path.equals(kind.path())) {
                return new Topic(agent, kind, Optional.empty());
            }
            if (kind.named() && path.startsWith(kind.path() + "/")) {
                String name = path.substring(kind.path().length() + 1);
                if (!NAME.matcher(name).matches()) {
                    throw new InvalidFieldException("topic", "malformed " + kind.path() + " name in '" + topic + "'");
                }
                return new Topic(agent, kind, Optional.of(name));
            }
        }
        throw new InvalidFieldException("topic", "unknown topic '" + path + "' in '" + topic + "'");
    }

    private static AgentId parseAgent(String id, String topic) {
        try {
            return new AgentId(id);
        } catch (InvalidFieldException e) {
            throw new InvalidFieldException("topic", "malformed agent id in '" + topic + "': " + e.reason());
        }
    }

    @Override
    public String toString() {
        return ROOT + agent.value() + "/" + kind.path() + name.map(n -> "/" + n).orElse("");
    }
}
