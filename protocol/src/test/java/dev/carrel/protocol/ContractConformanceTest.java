package dev.carrel.protocol;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds {@code docs/asyncapi.yaml} and the code to one contract: every message shape round-trips through
 * {@link WireCodec} and matches its schema, every {@link Topic.Kind} has its channel, the documented names and
 * enums are the code's wire values, and broken payloads are refused by the schema and the codec alike, for the
 * same field.
 */
class ContractConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ContractDocument doc;
    private final WireCodec codec = new WireCodec();

    @BeforeAll
    static void loadDocument() {
        doc = ContractDocument.load();
    }

    @Test
    void everyMessageShape_hasASample() {
        Set<Class<?>> sampled =
                ContractSamples.all().stream().map(ContractSamples::shape).collect(Collectors.toSet());
        Set<Class<?>> missing = new LinkedHashSet<>(ContractSamples.shapes());
        missing.removeAll(sampled);
        assertTrue(missing.isEmpty(), "add a sample to ContractSamples for " + missing);
        assertTrue(ContractSamples.shapes().size() >= 2 + EventType.values().length + CommandName.values().length);
    }

    static Stream<Arguments> samples() {
        return ContractSamples.all().stream()
                .map(m -> Arguments.of(Named.of(ContractSamples.schemaName(m) + " " + m, m)));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyMessage_roundTripsAndMatchesItsSchema(Message message) throws Exception {
        byte[] payload = codec.encode(message);
        String schema = ContractSamples.schemaName(message);
        Topic topic = WireCodec.topicFor(ContractSamples.AGENT, message);

        assertValid(schema, JSON.readTree(payload));
        assertEquals(message, codec.decode(topic, payload), "decoded from " + new String(payload));
        List<String> channels = doc.channelsFor(topic);
        assertEquals(1, channels.size(), "channels for " + topic + ": " + channels);
        assertTrue(
                doc.payloadRefs(channels.get(0)).contains(ContractDocument.SCHEMAS + schema),
                "channel " + channels.get(0) + " lists no message with payload " + schema);
    }

    @Test
    void allowlistDelta_withRemovals_roundTripsAndMatchesItsSchema() throws Exception {
        everyMessage_roundTripsAndMatchesItsSchema(ContractSamples.revocation());
    }

    @Test
    void everyTopic_hasExactlyOneChannelWhoseAddressIsIt() {
        Set<String> matched = new HashSet<>();
        for (Topic topic : everyTopic()) {
            List<String> channels = doc.channelsFor(topic);
            assertEquals(1, channels.size(), "channels whose address is " + topic + ": " + channels);
            matched.addAll(channels);
        }
        Set<String> documented = new HashSet<>();
        doc.channels().fieldNames().forEachRemaining(documented::add);
        assertEquals(documented, matched, "every channel in the document is a topic of the code");
        assertEquals(Topic.Kind.values().length, documented.size());
    }

    @Test
    void channelOperations_sendWhatTheAgentPublishesAndReceiveTheRest() {
        for (Topic.Kind kind : Topic.Kind.values()) {
            String channel = doc.channelsFor(
                            topicOf(kind, namesOf(kind).iterator().next()))
                    .get(0);
            String expected = kind.direction() == Topic.Direction.AGENT_TO_HUB ? "send" : "receive";
            assertEquals(Set.of(expected), doc.actionsOn(channel), "operations on " + channel + " for " + kind);
        }
    }

    @Test
    void namedLevels_enumerateExactlyTheCodesWireNames() {
        for (Topic.Kind kind : Topic.Kind.values()) {
            String channel = doc.channelsFor(
                            topicOf(kind, namesOf(kind).iterator().next()))
                    .get(0);
            Map<String, JsonNode> params = doc.namedParameters(channel);
            if (!kind.named()) {
                assertTrue(params.isEmpty(), channel + " has no named level");
                continue;
            }
            assertEquals(1, params.size(), channel + " has one named level");
            assertEquals(
                    namesOf(kind),
                    ContractDocument.enumOf(params.values().iterator().next()),
                    channel);
        }
        assertEquals(namesOf(Topic.Kind.EVENT), ContractDocument.enumOf(doc.schema("EventType")));
        assertEquals(namesOf(Topic.Kind.COMMAND), ContractDocument.enumOf(doc.schema("CommandName")));
    }

    @Test
    void eachEventSchema_tiesItsTypeToItsBody() {
        for (EventType type : EventType.values()) {
            String body = type.bodyClass().getSimpleName();
            JsonNode own = doc.schema(body + "Event").path("allOf").path(1).path("properties");
            assertEquals(type.wire(), own.path("type").path("const").asText(), body + "Event.type");
            assertEquals(
                    ContractDocument.SCHEMAS + body,
                    own.path("body").path("$ref").asText(),
                    body + "Event.body");
        }
        for (CommandName name : CommandName.values()) {
            String body = name.bodyClass().getSimpleName();
            JsonNode own = doc.schema(body + "Command").path("allOf").path(1).path("properties");
            assertEquals(
                    ContractDocument.SCHEMAS + body,
                    own.path("body").path("$ref").asText(),
                    body + "Command");
        }
    }

    @Test
    void everyEnumInTheDocument_listsTheJavaEnumsWireValues() {
        Map<String, Class<? extends Enum<?>>> enums = Map.ofEntries(
                Map.entry("/components/schemas/CredentialKind", CredentialKind.class),
                Map.entry("/components/schemas/EventType", EventType.class),
                Map.entry("/components/schemas/CommandName", CommandName.class),
                Map.entry("/components/schemas/SeatState", SeatState.class),
                Map.entry("/components/schemas/Decision", EventBody.GateDecision.Decision.class),
                Map.entry("/components/schemas/DecisionReason", EventBody.GateDecision.Reason.class),
                Map.entry("/components/schemas/DecisionSource", EventBody.GateDecision.Source.class),
                Map.entry("/components/schemas/Endpoint/properties/kind", Endpoint.Kind.class),
                Map.entry(
                        "/components/schemas/GatePassage/properties/direction", EventBody.GatePassage.Direction.class),
                Map.entry("/components/schemas/Feedback/properties/context", EventBody.Feedback.Context.class),
                Map.entry("/components/schemas/Fault/properties/severity", EventBody.Fault.Severity.class),
                Map.entry("/components/schemas/CommandReply/properties/outcome", CommandReply.Outcome.class),
                Map.entry("/components/schemas/BookingResponse/properties/outcome", BookingResponse.Outcome.class));
        enums.forEach((pointer, type) -> {
            Set<String> wire = Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            assertEquals(wire, ContractDocument.enumOf(doc.root().at(pointer)), pointer);
        });
    }

    @Test
    void everyDocumentedExample_matchesItsSchemaAndIsWhatTheCodecWrites() throws Exception {
        int examples = 0;
        for (var channel : doc.channels().properties()) {
            for (JsonNode ref : channel.getValue().path("messages")) {
                JsonNode message = doc.resolve(ref);
                String schema =
                        message.path("payload").path("$ref").asText().substring(ContractDocument.SCHEMAS.length());
                for (JsonNode example : message.path("examples")) {
                    JsonNode payload = JSON.readTree(JSON.writeValueAsBytes(example.path("payload")));
                    Topic topic = exampleTopic(channel.getValue(), message, payload);
                    String where = channel.getKey() + " example '"
                            + example.path("name").asText() + "'";

                    assertValid(schema, payload);
                    Message decoded = codec.decode(topic, JSON.writeValueAsBytes(payload));
                    assertEquals(payload, JSON.readTree(codec.encode(decoded)), where + " is not in canonical form");
                    examples++;
                }
            }
        }
        assertTrue(examples >= 25, "examples found: " + examples);
    }

    /** A payload that breaks one rule, and the field both the schema and the codec must name. */
    record Broken(String schema, String field, Consumer<ObjectNode> mutation) {}

    static Stream<Arguments> brokenPayloads() {
        return Stream.of(
                broken("required body field missing", "PresenceChangedEvent", "body.sensorId", o -> body(o).remove(
                                "sensorId")),
                broken(
                        "required field misspelt",
                        "StatusDeath",
                        "session",
                        o -> o.set("sessionId", o.remove("session"))),
                broken("required list item field missing", "StatusBirth", "endpoints[0].kind", o -> ((ObjectNode)
                                o.get("endpoints").get(0))
                        .remove("kind")),
                broken("score above 5", "FeedbackEvent", "body.score", o -> body(o).put("score", 6)),
                broken("identify for 0 seconds", "IdentifyCommand", "body.seconds", o -> body(o).put("seconds", 0)),
                broken("brightness 101", "SetLampCommand", "body.brightness", o -> body(o).put("brightness", 101)),
                broken("negative outbox depth", "Telemetry", "outboxDepth", o -> o.put("outboxDepth", -1)),
                broken("session 0", "StatusDeath", "session", o -> o.put("session", 0)),
                broken("unknown decision", "GateDecisionEvent", "body.decision", o -> body(o).put("decision", "maybe")),
                broken("unknown outcome", "CommandReply", "outcome", o -> o.put("outcome", "done")),
                broken("newer schema major", "Telemetry", "v", o -> o.put("v", 2)),
                broken(
                        "id not a UUIDv7",
                        "LampStateEvent",
                        "id",
                        o -> o.put("id", "0195521c-8b2a-4c3e-9d4f-1a2b3c4d5e60")),
                broken("timestamp not RFC 3339", "LampStateEvent", "ts", o -> o.put("ts", "yesterday")),
                broken(
                        "credential in upper-case hex",
                        "AuthorisationRequest",
                        "credential",
                        o -> o.put("credential", o.get("credential").asText().toUpperCase(Locale.ROOT))),
                broken("endpoint id with a level separator", "LampStateEvent", "body.endpointId", o -> body(o).put(
                                "endpointId", "lamp/1")),
                broken("blank comment", "FeedbackEvent", "body.comment", o -> body(o).put("comment", "   ")),
                broken("feedback patron not a credential hash", "FeedbackEvent", "body.patron", o -> body(o).put(
                                "patron", "zhang-san")),
                broken(
                        "greeting over 32 characters",
                        "AuthorisationResponse",
                        "greeting",
                        o -> o.put("greeting", "x".repeat(33))),
                broken("booking for 0 minutes", "BookingRequest", "minutes", o -> o.put("minutes", 0)),
                broken(
                        "booking of a seat with a level separator",
                        "BookingRequest",
                        "seat",
                        o -> o.put("seat", "seat/12")),
                broken("hold without its end", "SeatActionCommand", "body.until", o -> body(o).put("action", "hold")
                        .remove("graceUntil")),
                broken("reserve with a hold's end", "SeatActionCommand", "body.until", o -> body(o).put(
                                "until", "2025-03-29T09:00:00Z")),
                broken("reserve with a group's members", "SeatActionCommand", "body.holders", o -> body(o).putArray(
                                "holders")
                        .add(body(o).get("patron").asText())),
                broken("group without its members", "SeatActionCommand", "body.holders", o -> body(o).put(
                                "action", "reserve_group")
                        .put("until", "2025-03-01T11:00:00Z")
                        .remove("graceUntil")),
                broken("group of 21", "SeatActionCommand", "body.holders", o -> group(body(o), 21)),
                broken("refusal without its code", "BookingResponse", "code", o -> o.put("outcome", "refused")),
                broken("unknown booking outcome", "BookingResponse", "outcome", o -> o.put("outcome", "maybe")),
                broken(
                        "room's join code of four digits",
                        "BookingResponse",
                        "joinCode",
                        o -> o.put("joinCode", "4821")),
                broken("snapshot not from version 0", "AllowlistDelta", "fromVersion", o -> o.put("fromVersion", 3)),
                broken("null in the twin state", "TwinDesired", "state.awayGraceMinutes", o -> ((ObjectNode)
                                o.get("state"))
                        .putNull("awayGraceMinutes")));
    }

    @ParameterizedTest
    @MethodSource("brokenPayloads")
    void brokenPayload_isRejectedBySchemaAndCodecForTheSameField(Broken broken) throws Exception {
        Message sample = sampleFor(broken.schema());
        ObjectNode payload = (ObjectNode) JSON.readTree(codec.encode(sample));
        broken.mutation().accept(payload);
        Topic topic = WireCodec.topicFor(ContractSamples.AGENT, sample);

        Set<ValidationMessage> errors = doc.validate(broken.schema(), payload);
        PayloadException rejected =
                assertThrows(PayloadException.class, () -> codec.decode(topic, JSON.writeValueAsBytes(payload)));

        assertAll(
                () -> assertFalse(errors.isEmpty(), "the schema accepts " + payload),
                () -> assertTrue(
                        errors.stream().anyMatch(e -> locations(e).contains(pointer(broken.field()))),
                        "schema errors " + errors + " do not name " + broken.field()),
                () -> assertEquals(broken.field(), rejected.field(), rejected.getMessage()));
    }

    private static Arguments broken(String what, String schema, String field, Consumer<ObjectNode> mutation) {
        return Arguments.of(Named.of(what, new Broken(schema, field, mutation)));
    }

    /** Turns a seat reservation into a group's of {@code size} distinct members, the patron first. */
    private static void group(ObjectNode body, int size) {
        body.put("action", "reserve_group").put("until", "2025-03-01T11:00:00Z").remove("graceUntil");
        var holders = body.putArray("holders").add(body.get("patron").asText());
        for (int i = 1; i < size; i++) {
            holders.add(String.format(Locale.ROOT, "%064x", i));
        }
    }

    private static ObjectNode body(ObjectNode payload) {
        return (ObjectNode) payload.get("body");
    }

    /** Where a schema error points: the instance location, and for a missing property the property under it. */
    private static Set<String> locations(ValidationMessage error) {
        String at = error.getInstanceLocation().toString();
        return error.getProperty() == null ? Set.of(at) : Set.of(at, at + "/" + error.getProperty());
    }

    /** A codec field path ({@code endpoints[0].kind}) as a JSON pointer ({@code /endpoints/0/kind}). */
    private static String pointer(String field) {
        return "/" + field.replace("]", "").replace('[', '/').replace('.', '/');
    }

    private static Message sampleFor(String schema) {
        return ContractSamples.all().stream()
                .filter(m -> ContractSamples.schemaName(m).equals(schema))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample for " + schema));
    }

    private static void assertValid(String schema, JsonNode payload) {
        Set<ValidationMessage> errors = doc.validate(schema, payload);
        assertTrue(errors.isEmpty(), schema + " rejects " + payload + ": " + errors);
    }

    /** The wire names allowed in a kind's last level; a single empty string for the unnamed kinds. */
    private static Set<String> namesOf(Topic.Kind kind) {
        Stream<String> names =
                switch (kind) {
                    case EVENT -> Arrays.stream(EventType.values()).map(EventType::wire);
                    case COMMAND, COMMAND_REPLY ->
                        Arrays.stream(CommandName.values()).map(CommandName::wire);
                    case REQUEST, RESPONSE -> Stream.of(AuthorisationRequest.NAME, BookingRequest.NAME);
                    default -> Stream.of("");
                };
        return names.collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Topic topicOf(Topic.Kind kind, String name) {
        return new Topic(ContractSamples.AGENT, kind, kind.named() ? Optional.of(name) : Optional.empty());
    }

    private static List<Topic> everyTopic() {
        List<Topic> out = new ArrayList<>();
        for (Topic.Kind kind : Topic.Kind.values()) {
            namesOf(kind).forEach(name -> out.add(topicOf(kind, name)));
        }
        return out;
    }

    /** An example's topic: its message name is the last level, or for a reply the command it answers. */
    private static Topic exampleTopic(JsonNode channel, JsonNode message, JsonNode payload) {
        String address = channel.path("address").asText().replace("{agentId}", ContractSamples.AGENT.value());
        for (var param : channel.path("parameters").properties()) {
            if (param.getKey().equals("agentId")) {
                continue;
            }
            Set<String> allowed = ContractDocument.enumOf(doc.resolve(param.getValue()));
            String name = message.path("name").asText();
            address = address.replace(
                    "{" + param.getKey() + "}",
                    allowed.contains(name) ? name : payload.path("command").asText());
        }
        return Topic.parse(address);
    }
}
