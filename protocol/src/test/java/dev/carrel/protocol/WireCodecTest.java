package dev.carrel.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.protocol.EventBody.Feedback;
import dev.carrel.protocol.EventBody.LampState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WireCodecTest {
    private static final AgentId ROOM = AgentId.of("reading-room-2");
    private static final Instant TS = Instant.parse("2026-11-23T09:15:00Z");
    private final WireCodec codec = new WireCodec();

    @Test
    void birth_encodesOnlineTrueAndSchemaVersion() throws Exception {
        var birth = new Status.Birth(4, "0.1.0", List.of(new Endpoint("desk-01-lamp", Endpoint.Kind.LAMP)), TS);
        String json = new String(codec.encode(birth), UTF_8);
        assertTrue(json.startsWith("{\"v\":1,\"online\":true,\"session\":4"), json);
        assertTrue(json.contains("\"kind\":\"lamp\""), json);
        assertEquals(birth, codec.decode(Topic.status(ROOM), codec.encode(birth)));
    }

    @Test
    void death_decodesToDeathWithItsSession() throws Exception {
        Message m = codec.decode(Topic.status(ROOM), "{\"v\":1,\"online\":false,\"session\":3}".getBytes(UTF_8));
        assertEquals(new Status.Death(3), m);
    }

    @Test
    void event_roundTripsWithTypeFromItsBody() throws Exception {
        Event event = new Event(EventIds.system().next(), 2, 17, TS, new LampState("desk-01-lamp", true, 80));
        byte[] wire = codec.encode(event);
        assertTrue(new String(wire, UTF_8).contains("\"type\":\"lamp_state\""));
        assertEquals(event, codec.decode(WireCodec.topicFor(ROOM, event), wire));
        assertEquals(Topic.event(ROOM, "lamp_state"), WireCodec.topicFor(ROOM, event));
    }

    @Test
    void roomBookingAnswer_roundTripsWithJoinCodeAndGroupSize_andASeatAnswerHasNeither() throws Exception {
        Topic responses = Topic.response(ROOM, BookingRequest.NAME);
        BookingResponse room = BookingResponse.bookedRoom("b-7", "room-a", TS, TS.plusSeconds(3600), "048213", 3);
        String json = new String(codec.encode(room), UTF_8);
        assertTrue(json.contains("\"joinCode\":\"048213\"") && json.contains("\"groupSize\":3"), json);
        assertEquals(room, codec.decode(responses, json.getBytes(UTF_8), BookingResponse.class));

        // An answer from a hub that predates room bookings at the door still reads, without either.
        String seat = "{\"v\":1,\"outcome\":\"booked\",\"bookingId\":\"b-8\",\"seat\":\"desk-03\","
                + "\"start\":\"2026-11-23T09:15:00Z\",\"end\":\"2026-11-23T11:15:00Z\"}";
        BookingResponse back = codec.decode(responses, seat.getBytes(UTF_8), BookingResponse.class);
        assertEquals(Optional.empty(), back.joinCode());
        assertEquals(Optional.empty(), back.groupSize());

        PayloadException shortCode = assertThrows(
                PayloadException.class,
                () -> codec.decode(responses, json.replace("048213", "4821").getBytes(UTF_8), BookingResponse.class));
        assertEquals("joinCode", shortCode.field());
    }

    @Test
    void optionalField_absentWhenEmpty_andReadBackEmpty() throws Exception {
        Event event = new Event(
                EventIds.system().next(),
                1,
                0,
                TS,
                new Feedback("kiosk", Feedback.Context.EXIT, 5, Optional.empty(), Optional.empty()));
        String json = new String(codec.encode(event), UTF_8);
        assertTrue(!json.contains("comment"), json);
        Event back = (Event) codec.decode(WireCodec.topicFor(ROOM, event), json.getBytes(UTF_8));
        assertEquals(Optional.empty(), ((Feedback) back.body()).comment());
    }

    /** Each row: topic suffix, payload, the field the error must name. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            status          | not json                                                        | $
            status          | []                                                              | $
            status          | {}                                                              | v
            status          | {"v":"1","online":true}                                         | v
            status          | {"v":2,"online":false,"session":1}                              | v
            status          | {"v":1,"session":1}                                             | online
            status          | {"v":1,"online":"yes","session":1}                              | online
            status          | {"v":1,"online":false}                                          | session
            status          | {"v":1,"online":false,"session":0}                              | session
            status          | {"v":1,"online":false,"session":"7"}                            | session
            status          | {"v":1,"online":false,"session":1.5}                            | session
            status          | {"v":1,"online":true,"session":1,"version":"1","ts":"2026-11-23T09:00:00Z"} | endpoints
            status          | {"v":1,"online":true,"session":1,"version":"1","endpoints":[{"id":"a/b","kind":"lamp"}],"ts":"2026-11-23T09:00:00Z"} | endpoints[0].id
            status          | {"v":1,"online":true,"session":1,"version":"1","endpoints":[{"id":"a","kind":"toaster"}],"ts":"2026-11-23T09:00:00Z"} | endpoints[0].kind
            status          | {"v":1,"online":true,"session":1,"version":"1","endpoints":[],"ts":"yesterday"} | ts
            events/lamp_state | {"v":1,"type":"lamp_state","id":"0190f5a2-6b1c-7cc1-8a3e-6f1f0b4f2a10","session":1,"seq":0,"ts":"2026-11-23T09:00:00Z","body":{"endpointId":"l1","on":true,"brightness":101}} | body.brightness
            events/lamp_state | {"v":1,"type":"lamp_state","id":"0190f5a2-6b1c-7cc1-8a3e-6f1f0b4f2a10","session":1,"seq":0,"ts":"2026-11-23T09:00:00Z","body":{"endpointId":"l1","brightness":100}} | body.on
            events/lamp_state | {"v":1,"type":"fault","id":"0190f5a2-6b1c-7cc1-8a3e-6f1f0b4f2a10","session":1,"seq":0,"ts":"2026-11-23T09:00:00Z","body":{}} | type
            events/lamp_state | {"v":1,"type":"lamp_state","id":"not-a-uuid","session":1,"seq":0,"ts":"2026-11-23T09:00:00Z","body":{}} | id
            events/lamp_state | {"v":1,"type":"lamp_state","id":"0190f5a2-6b1c-7cc1-8a3e-6f1f0b4f2a10","session":1,"seq":-1,"ts":"2026-11-23T09:00:00Z","body":{"endpointId":"l1","on":true,"brightness":1}} | seq
            events/nonsense | {"v":1,"type":"nonsense","id":"0190f5a2-6b1c-7cc1-8a3e-6f1f0b4f2a10","session":1,"seq":0,"ts":"2026-11-23T09:00:00Z","body":{}} | type
            events/feedback | {"v":1,"type":"feedback","id":"0190f5a2-6b1c-7cc1-8a3e-6f1f0b4f2a10","session":1,"seq":0,"ts":"2026-11-23T09:00:00Z","body":{"kioskId":"k","context":"exit","score":9}} | body.score
            events/gate_decision | {"v":1,"type":"gate_decision","id":"0190f5a2-6b1c-7cc1-8a3e-6f1f0b4f2a10","session":1,"seq":0,"ts":"2026-11-23T09:00:00Z","body":{"gateId":"g","credential":"abc","decision":"allow","reason":"allow_listed","source":"local"}} | body.credential
            telemetry       | {"v":1,"ts":"2026-11-23T09:00:00Z","uptimeSeconds":-5,"heapUsedBytes":1,"heapMaxBytes":1,"outboxDepth":0,"readerFaults":0} | uptimeSeconds
            commands/lamp   | {"v":1,"id":"0190f5a2-6b1c-7cc1-8a3e-6f1f0b4f2a10","expiresAt":"2026-11-23T09:00:00Z","body":{"endpointId":"l1","on":true,"brightness":-1}} | body.brightness
            commands/launch | {"v":1,"id":"0190f5a2-6b1c-7cc1-8a3e-6f1f0b4f2a10","expiresAt":"2026-11-23T09:00:00Z","body":{}} | $
            credentials     | {"v":1,"fromVersion":3,"toVersion":2,"snapshot":false,"upserts":[],"removals":[]} | toVersion
            """)
    void decode_malformedPayload_namesTheField(String suffix, String payload, String field) {
        Topic topic = Topic.parse(Topic.prefix(ROOM) + suffix);
        PayloadException e = assertThrows(PayloadException.class, () -> codec.decode(topic, payload.getBytes(UTF_8)));
        assertEquals(field, e.field(), e.getMessage());
    }

    @Test
    void decode_emptyAndOversizedPayloads_areRejected() {
        assertThrows(PayloadException.class, () -> codec.decode(Topic.telemetry(ROOM), new byte[0]));
        byte[] huge = new byte[300 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        PayloadException e = assertThrows(PayloadException.class, () -> codec.decode(Topic.telemetry(ROOM), huge));
        assertTrue(e.reason().contains("exceeds"), e.reason());
    }

    @Test
    void decode_randomBytes_onlyEverThrowsPayloadException() {
        Random random = new Random(42);
        List<Topic> topics = List.of(
                Topic.status(ROOM), Topic.event(ROOM, "feedback"), Topic.telemetry(ROOM), Topic.command(ROOM, "lamp"));
        for (int i = 0; i < 5_000; i++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            if (random.nextBoolean() && bytes.length > 0) {
                bytes[0] = '{';
            }
            Topic topic = topics.get(i % topics.size());
            try {
                codec.decode(topic, bytes);
            } catch (PayloadException expected) {
                assertTrue(!expected.field().isEmpty());
            }
        }
    }

    @Test
    void decode_ofTheWrongFamily_isRejectedByTheTypedDecode() {
        byte[] death = codec.encode(new Status.Death(1));
        assertInstanceOf(Status.Death.class, assertDoesNotThrowDecode(Topic.status(ROOM), death));
        assertThrows(PayloadException.class, () -> codec.decode(Topic.status(ROOM), death, Status.Birth.class));
    }

    private Message assertDoesNotThrowDecode(Topic topic, byte[] payload) {
        try {
            return codec.decode(topic, payload);
        } catch (PayloadException e) {
            throw new AssertionError(e);
        }
    }
}
