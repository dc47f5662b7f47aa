package dev.carrel.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.agent.EdgeAgent;
import dev.carrel.agent.seats.SeatResult;
import dev.carrel.drivers.Presence;
import dev.carrel.drivers.fake.FakePresenceSensor;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.SeatState;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's long-term seat end to end: a real hub with the reading room as a long-term area, and the demo's
 * reading room as a real edge agent. A hold taken on the pass API reaches the seat's agent as {@code seat}
 * HOLD: the desk is reserved, another patron's card is refused at it, the holder checks in and out and the
 * desk is reserved for them again; giving the seat up (RELEASE) frees it.
 */
class LongTermSeatEndToEndTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;

    private final PassGateTest.MovableClock clock = new PassGateTest.MovableClock();
    private ReadingRoomHub rig;

    @AfterEach
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void hold_reservesTheDeskForItsHolderOnly_untilItIsGivenUp() throws Exception {
        clock.set(LocalDateTime.parse("2026-11-23T09:50").atZone(BERLIN).toInstant());
        rig = ReadingRoomHub.start(dir, clock, Map.of("carrel.reservations.zones.reading-room-1.long-term", "true"));
        EdgeAgent room = rig.room;
        rig.importPatrons();
        String zhang = rig.signIn("2023004217", "4711");
        CredentialHash zhangCard = rig.card("04A1B2C3");
        CredentialHash liCard = rig.card("04A1B2C5");

        JsonNode hold = rig.post("/pass/api/reservations/long-term", zhang, "{\"seat\":\"desk-03\",\"weeks\":4}", 201);
        rig.awaitSeat("desk-03", SeatState.RESERVED);
        assertEquals(
                zhangCard, room.seats().seat("desk-03").orElseThrow().patron().orElseThrow());

        SeatResult refused = room.seats().checkIn("desk-03", liCard, "desk_reader");
        assertEquals(
                SeatResult.Code.SEAT_RESERVED,
                assertInstanceOf(SeatResult.Refused.class, refused).code());

        room.devices()
                .find("desk-03-presence", FakePresenceSensor.class)
                .orElseThrow()
                .set(Presence.PRESENT);
        assertInstanceOf(SeatResult.Done.class, room.seats().checkIn("desk-03", zhangCard, "desk_reader"));
        assertEquals(
                SeatState.OCCUPIED, room.seats().seat("desk-03").orElseThrow().state());
        room.seats().checkOut("desk-03", zhangCard);
        assertEquals(
                SeatState.RESERVED, room.seats().seat("desk-03").orElseThrow().state(), "held for Zhang again");

        rig.post("/pass/api/reservations/long-term/" + hold.get("id").asText() + "/cancel", zhang, "", 200);
        rig.awaitSeat("desk-03", SeatState.FREE);
        assertInstanceOf(SeatResult.Done.class, room.seats().checkIn("desk-03", liCard, "desk_reader"));
    }
}
