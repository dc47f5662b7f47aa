package dev.carrel.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;

/**
 * Encodes {@link Message}s to JSON and decodes them back, checking every payload against the contract.
 *
 * <p>Every payload carries the schema version {@code v}. Decoding never throws anything but
 * {@link PayloadException}, whatever the bytes: not JSON, a newer schema, a missing field, a value out of
 * range, or a body that does not match its topic. Thread-safe; make one and share it.
 */
public final class WireCodec {
    /** Allow-list snapshots for a large campus run to megabytes; nothing else needs more than this. */
    private static final int MAX_PAYLOAD = 256 * 1024;

    private static final int MAX_CREDENTIALS_PAYLOAD = 32 * 1024 * 1024;

    private final ObjectMapper mapper = WireJson.mapper();
    private final RecordBinder binder = new RecordBinder(mapper);

    /** The topic a message goes to for the given agent. */
    public static Topic topicFor(AgentId agent, Message message) {
        return switch (message) {
            case Status s -> Topic.status(agent);
            case Event e -> Topic.event(agent, e.type().wire());
            case Telemetry t -> Topic.telemetry(agent);
            case Command c -> Topic.command(agent, c.name().wire());
            case CommandReply r -> Topic.commandReply(agent, r.command().wire());
            case TwinDesired d -> Topic.twinDesired(agent);
            case TwinReported r -> Topic.twinReported(agent);
            case AuthorisationRequest r -> Topic.request(agent, AuthorisationRequest.NAME);
            case AuthorisationResponse r -> Topic.response(agent, AuthorisationRequest.NAME);
            case BookingRequest r -> Topic.request(agent, BookingRequest.NAME);
            case BookingResponse r -> Topic.response(agent, BookingRequest.NAME);
            case AllowlistDelta d -> Topic.credentials(agent);
        };
    }

    public byte[] encode(Message message) {
        ObjectNode node = mapper.createObjectNode();
        node.put("v", Message.SCHEMA_VERSION);
        switch (message) {
            case Status.Birth b -> node.put("online", true).setAll(tree(b));
            case Status.Death d -> node.put("online", false).setAll(tree(d));
            case Event e -> {
                node.put("type", e.type().wire());
                node.setAll(tree(e));
            }
            default -> node.setAll(tree(message));
        }
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /** Decodes a payload that arrived on {@code topic}; the topic decides which family it must be. */
    public Message decode(Topic topic, byte[] payload) throws PayloadException {
        JsonNode root = parse(topic, payload);
        return switch (topic.kind()) {
            case STATUS -> status(root);
            case EVENT -> event(topic, root);
            case TELEMETRY -> binder.bind(root, Telemetry.class, "");
            case TWIN_DESIRED -> binder.bind(root, TwinDesired.class, "");
            case TWIN_REPORTED -> binder.bind(root, TwinReported.class, "");
            case COMMAND -> command(topic, root);
            case COMMAND_REPLY -> commandReply(topic, root);
            case REQUEST -> request(topic, root);
            case RESPONSE -> response(topic, root);
            case CREDENTIALS -> binder.bind(root, AllowlistDelta.class, "");
        };
    }

    /** Decodes and checks the family in one step, for a consumer that knows what it expects. */
    public <M extends Message> M decode(Topic topic, byte[] payload, Class<M> expected) throws PayloadException {
        Message message = decode(topic, payload);
        if (!expected.isInstance(message)) {
            throw new PayloadException("$", "expected " + expected.getSimpleName() + " on " + topic.kind());
        }
        return expected.cast(message);
    }

    private JsonNode parse(Topic topic, byte[] payload) throws PayloadException {
        if (payload == null || payload.length == 0) {
            throw new PayloadException("$", "empty payload");
        }
        int max = topic.kind() == Topic.Kind.CREDENTIALS ? MAX_CREDENTIALS_PAYLOAD : MAX_PAYLOAD;
        if (payload.length > max) {
            throw new PayloadException("$", "payload of " + payload.length + " bytes exceeds " + max);
        }
        JsonNode root;
        try {
            root = mapper.readTree(payload);
        } catch (IOException | RuntimeException e) {
            throw new PayloadException("$", "not valid JSON: " + RecordBinder.firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new PayloadException("$", "must be a JSON object");
        }
        JsonNode v = root.get("v");
        if (v == null || !v.isIntegralNumber()) {
            throw new PayloadException("v", "schema version is required and must be an integer");
        }
        if (v.asLong() != Message.SCHEMA_VERSION) {
            throw new PayloadException(
                    "v",
                    "schema version " + v.asText() + " is not supported (this reader knows " + Message.SCHEMA_VERSION
                            + ")");
        }
        return root;
    }

    private Status status(JsonNode root) throws PayloadException {
        JsonNode online = root.get("online");
        if (online == null || !online.isBoolean()) {
            throw new PayloadException("online", "is required and must be true or false");
        }
        return online.booleanValue()
                ? binder.bind(root, Status.Birth.class, "")
                : binder.bind(root, Status.Death.class, "");
    }

    /** The envelope as it sits on the wire, before the body is bound to its type. */
    private record EventEnvelope(EventId id, long session, long seq, Instant ts, String type, JsonNode body) {}

    private Event event(Topic topic, JsonNode root) throws PayloadException {
        EventEnvelope env = binder.bind(root, EventEnvelope.class, "");
        String topicType = topic.name().orElseThrow();
        if (!env.type().equals(topicType)) {
            throw new PayloadException("type", "is '" + env.type() + "' but the topic says '" + topicType + "'");
        }
        EventType type = EventType.fromWire(env.type())
                .orElseThrow(() -> new PayloadException("type", "unknown event type '" + env.type() + "'"));
        EventBody body = binder.bind(env.body(), type.bodyClass(), "body");
        return wrap(() -> new Event(env.id(), env.session(), env.seq(), env.ts(), body));
    }

    private record CommandEnvelope(EventId id, Instant expiresAt, JsonNode body) {}

    private Command command(Topic topic, JsonNode root) throws PayloadException {
        CommandEnvelope env = binder.bind(root, CommandEnvelope.class, "");
        CommandName name = commandName(topic);
        CommandBody body = binder.bind(env.body(), name.bodyClass(), "body");
        return wrap(() -> new Command(env.id(), env.expiresAt(), body));
    }

    private CommandReply commandReply(Topic topic, JsonNode root) throws PayloadException {
        CommandReply reply = binder.bind(root, CommandReply.class, "");
        if (reply.command() != commandName(topic)) {
            throw new PayloadException(
                    "command",
                    "is '" + reply.command().wire() + "' but the topic says '"
                            + topic.name().orElseThrow() + "'");
        }
        return reply;
    }

    private Message request(Topic topic, JsonNode root) throws PayloadException {
        return switch (requestName(topic)) {
            case AuthorisationRequest.NAME -> binder.bind(root, AuthorisationRequest.class, "");
            default -> binder.bind(root, BookingRequest.class, "");
        };
    }

    private Message response(Topic topic, JsonNode root) throws PayloadException {
        return switch (requestName(topic)) {
            case AuthorisationRequest.NAME -> binder.bind(root, AuthorisationResponse.class, "");
            default -> binder.bind(root, BookingResponse.class, "");
        };
    }

    private static CommandName commandName(Topic topic) throws PayloadException {
        String wire = topic.name().orElseThrow();
        return CommandName.fromWire(wire)
                .orElseThrow(() -> new PayloadException("$", "unknown command '" + wire + "' in the topic"));
    }

    /** The request a {@code requests/…} or {@code responses/…} topic names: one of the known names. */
    private static String requestName(Topic topic) throws PayloadException {
        String name = topic.name().orElseThrow();
        if (!name.equals(AuthorisationRequest.NAME) && !name.equals(BookingRequest.NAME)) {
            throw new PayloadException("$", "unknown request '" + name + "' in the topic");
        }
        return name;
    }

    private ObjectNode tree(Object value) {
        return mapper.valueToTree(value);
    }

    private interface Construction<T> {
        T make();
    }

    private static <T> T wrap(Construction<T> construction) throws PayloadException {
        try {
            return construction.make();
        } catch (InvalidFieldException e) {
            throw new PayloadException(e.field(), e.reason());
        }
    }
}
