package dev.carrel.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.agent.EdgeAgent;
import dev.carrel.agent.seats.SeatResult;
import dev.carrel.drivers.Presence;
import dev.carrel.drivers.fake.FakePresenceSensor;
import dev.carrel.hub.Hub;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.CredentialKind;
import dev.carrel.protocol.Event;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.EventIds;
import dev.carrel.protocol.SeatState;
import dev.carrel.protocol.WireCodec;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, reservations end to end: a real hub (patrons, pass sign-in, reservations) and the demo's reading
 * room as a real edge agent on the same forwarded clock. A booking on the pass API reserves the seat at the
 * agent; a desk check-in with presence makes it occupied and checked in; a no-show is a violation the
 * patron sees and may appeal, and staff see its evidence.
 */
class ReservationEndToEndTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;

    private final PassGateTest.MovableClock clock = clock(at("2026-11-23T09:50"));
    private ReadingRoomHub rig;
    private Hub hub;
    private EdgeAgent room;

    /** One clock for the hub and the agent, moved by the test. */
    private static PassGateTest.MovableClock clock(Instant start) {
        PassGateTest.MovableClock clock = new PassGateTest.MovableClock();
        clock.set(start);
        return clock;
    }

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

    @AfterEach
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    private void start() throws Exception {
        rig = ReadingRoomHub.start(dir, clock, java.util.Map.of());
        hub = rig.hub;
        room = rig.room;
    }

    @Test
    void bookOnThePassApi_reservedAtTheSeat_checkInWithPresence_andANoShowThePatronSees() throws Exception {
        start();
        rig.importPatrons();
        String zhang = rig.signIn("2023004217", "4711");
        String li = rig.signIn("2023004218", "2468");

        JsonNode booked = rig.post(
                "/pass/api/reservations",
                zhang,
                "{\"seat\":\"desk-03\",\"start\":\"" + at("2026-11-23T10:00") + "\",\"minutes\":120}",
                201);
        String bookingId = booked.get("id").asText();
        assertEquals("booked", booked.get("state").asText());
        rig.post(
                "/pass/api/reservations",
                li,
                "{\"seat\":\"desk-05\",\"start\":\"" + at("2026-11-23T10:00") + "\",\"minutes\":60}",
                201);
        JsonNode taken = rig.post(
                "/pass/api/reservations",
                li,
                "{\"seat\":\"desk-03\",\"start\":\"" + at("2026-11-23T11:00") + "\",\"minutes\":60}",
                409);
        assertEquals("seat_taken", taken.path("code").asText(), taken.toString());

        // Evidence for Li's appeal later: someone sat at desk-05 for three minutes before the booking (the real
        // sensor, through the reading room's agent), and Li's card passed the gate (a gate agent's event).
        clock.set(at("2026-11-23T09:55"));
        desk05(Presence.PRESENT, 1);
        clock.set(at("2026-11-23T09:58"));
        desk05(Presence.ABSENT, 2);
        CredentialHash liCard = hub.access().orElseThrow().patrons().key().hash(CredentialKind.CARD_UID, "04A1B2C5");
        gatePassage(at("2026-11-23T09:41"), liCard);

        clock.set(at("2026-11-23T10:00"));
        hub.reservations().sweep();
        rig.awaitSeat("desk-03", SeatState.RESERVED);
        rig.awaitSeat("desk-05", SeatState.RESERVED);

        // Zhang taps the campus card on desk-03's reader and sits down: the sensor sees him.
        CredentialHash card = hub.access().orElseThrow().patrons().key().hash(CredentialKind.CARD_UID, "04A1B2C3");
        clock.set(at("2026-11-23T10:05"));
        assertTrue(room.seats().checkIn("desk-03", card, "desk_reader") instanceof SeatResult.Done);
        room.devices()
                .find("desk-03-presence", FakePresenceSensor.class)
                .orElseThrow()
                .set(Presence.PRESENT);
        rig.awaitSeat("desk-03", SeatState.OCCUPIED);
        awaitBooking(zhang, bookingId, "checked_in");

        // Li never comes: at the end of the grace period the seat is free again and Li sees the violation.
        clock.set(at("2026-11-23T10:15"));
        hub.reservations().sweep();
        rig.awaitSeat("desk-05", SeatState.FREE);
        JsonNode mine = await(
                li,
                "/pass/api/reservations/violations",
                v -> v.get("violations").size() == 1);
        JsonNode violation = mine.get("violations").get(0);
        assertEquals("no_show", violation.get("kind").asText());
        assertEquals(
                SeatState.OCCUPIED, room.seats().seat("desk-03").orElseThrow().state(), "Zhang keeps his seat");

        String violationId = violation.get("id").asText();
        JsonNode appeal = rig.post(
                "/pass/api/reservations/violations/" + violationId + "/appeal", li, "{\"reason\":\"I was ill\"}", 201);
        JsonNode evidence = rig.get("/api/reservations/violations/" + violationId, "", 200);
        assertEquals(violationId, evidence.get("violation").get("id").asText());
        assertEquals(
                "[{\"from\":\"" + at("2026-11-23T09:55") + "\",\"to\":\"" + at("2026-11-23T09:58") + "\"}]",
                evidence.get("presence").toString());
        assertEquals(1, evidence.get("gate").size(), evidence.toString());
        assertEquals(
                at("2026-11-23T09:41").toString(), evidence.at("/gate/0/at").asText());
        assertEquals("in", evidence.at("/gate/0/direction").asText());
        assertEquals("gate-1", evidence.at("/gate/0/gate").asText());
        JsonNode decided = rig.post(
                "/api/reservations/appeals/" + appeal.get("id").asText() + "/decision",
                "",
                "{\"accept\":false,\"note\":\"no sign of illness\"}",
                200);
        assertEquals("rejected", decided.get("appeal").get("state").asText());
        rig.get("/pass/api/reservations", "", 401); // patron routes need a session
    }

    /**
     * Issue 7, the door knows the room's group: Zhang books discussion room A (a group of two here) and Li
     * joins; at the start the hub reserves the room at the real door agent for both cards. A stranger's card
     * is refused at the door, Li's checks the room in, Zhang's joins Li's session, and the cancellation frees
     * the room at the door.
     */
    @Test
    void roomOfAGroup_theDoorAdmitsOnlyItsMembers_untilTheCancellation() throws Exception {
        // A room in use can be cancelled only with the 60-minute cancel rule off, as this site has it.
        rig = ReadingRoomHub.start(
                dir,
                clock,
                java.util.Map.of(
                        "carrel.reservations.rules.room-min-group", "2",
                        "carrel.reservations.rules.room-cancel-ahead", "0"));
        hub = rig.hub;
        EdgeAgent door = rig.door();
        rig.importPatrons();
        String zhang = rig.signIn("2023004217", "4711");
        String li = rig.signIn("2023004218", "2468");
        JsonNode booked = rig.post(
                "/pass/api/reservations",
                zhang,
                "{\"room\":\"discussion-room-1\",\"start\":\"" + at("2026-11-23T10:00") + "\",\"minutes\":60}",
                201);
        rig.post(
                "/pass/api/reservations/join",
                li,
                "{\"code\":\"" + booked.get("joinCode").asText() + "\"}",
                200);

        clock.set(at("2026-11-23T10:00"));
        hub.reservations().sweep();
        PatronGateTest.await(
                () -> door.seats().seat("room-a").orElseThrow().state() == SeatState.RESERVED,
                "the door to reserve room-a for the group");

        CredentialHash stranger = rig.card("04FFFFFF");
        SeatResult refused = door.seats().checkIn("room-a", stranger, "desk_reader");
        assertEquals(
                SeatResult.Code.SEAT_RESERVED,
                assertInstanceOf(SeatResult.Refused.class, refused).code());
        assertTrue(door.seats().checkIn("room-a", rig.card("04A1B2C5"), "desk_reader") instanceof SeatResult.Done);
        assertTrue(door.seats().checkIn("room-a", rig.card("04A1B2C3"), "desk_reader") instanceof SeatResult.Done);
        assertEquals(
                Optional.of(rig.card("04A1B2C5")),
                door.seats().seat("room-a").orElseThrow().patron(),
                "Zhang joins Li's session");

        rig.post("/pass/api/reservations/" + booked.get("id").asText() + "/cancel", zhang, "", 200);
        PatronGateTest.await(
                () -> door.seats().seat("room-a").orElseThrow().state() == SeatState.FREE,
                "the cancellation to free room-a at the door");
    }

    /** Sets desk-05's sensor and waits until the hub has stored the agent's n-th presence event of it. */
    private void desk05(Presence presence, int nth) throws Exception {
        room.devices()
                .find("desk-05-presence", FakePresenceSensor.class)
                .orElseThrow()
                .set(presence);
        await("", "/api/agents/" + DemoLibrary.READING_ROOM + "/events?limit=500", events -> {
            int seen = 0;
            for (JsonNode e : events) {
                seen += e.at("/body/sensorId").asText().equals("desk-05-presence") ? 1 : 0;
            }
            return seen >= nth;
        });
    }

    /** The gate's agent reports a passage of the credential at {@code ts}, stored through the hub's ingest. */
    private void gatePassage(Instant ts, CredentialHash credential) throws Exception {
        Event event = new Event(
                EventIds.system().next(),
                1,
                0,
                ts,
                new EventBody.GatePassage("gate-1", EventBody.GatePassage.Direction.IN, Optional.of(credential)));
        CountDownLatch stored = new CountDownLatch(1);
        hub.ingest()
                .accept(
                        WireCodec.topicFor(AgentId.of("gate-1"), event).toString(),
                        new WireCodec().encode(event),
                        stored::countDown);
        assertTrue(stored.await(10, TimeUnit.SECONDS), "the gate passage to be stored");
    }

    private void awaitBooking(String cookie, String id, String state) throws Exception {
        await(cookie, "/pass/api/reservations", list -> {
            for (JsonNode b : list) {
                if (b.get("id").asText().equals(id)) {
                    return b.get("state").asText().equals(state);
                }
            }
            return false;
        });
    }

    private JsonNode await(String cookie, String path, java.util.function.Predicate<JsonNode> condition)
            throws Exception {
        JsonNode[] last = {null};
        PatronGateTest.await(
                () -> {
                    last[0] = rig.get(path, cookie, 200);
                    return condition.test(last[0]);
                },
                path + " to show the change");
        return last[0];
    }
}
