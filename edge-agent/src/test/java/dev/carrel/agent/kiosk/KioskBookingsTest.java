package dev.carrel.agent.kiosk;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.agent.mqtt.Inbound;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.BookingRequest;
import dev.carrel.protocol.BookingResponse;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.Topic;
import dev.carrel.protocol.WireCodec;
import dev.carrel.protocol.WireJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The kiosk's booking at the hub, with the hub played by a function that answers (or does not). */
class KioskBookingsTest {
    private static final CredentialHash ZHANG = new CredentialHash("c".repeat(64));
    private static final Instant NOW = Instant.parse("2026-11-23T08:50:00Z");
    private static final Topic RESPONSES = Topic.response(AgentId.of("reading-room-1"), BookingRequest.NAME);

    private final WireCodec codec = new WireCodec();
    private final List<BookingRequest> sent = new CopyOnWriteArrayList<>();
    private boolean online = true;
    private Function<BookingRequest, Optional<BookingResponse>> hub = r -> Optional.empty();
    private HubBooking booking;

    private KioskBookings kiosk(Duration wait) {
        booking = new HubBooking(
                () -> online,
                (request, correlation) -> {
                    sent.add(request);
                    hub.apply(request)
                            .ifPresent(answer -> booking.onResponse(new Inbound(
                                    RESPONSES,
                                    codec.encode(answer),
                                    Optional.empty(),
                                    Optional.of(correlation),
                                    Optional.empty())));
                },
                wait);
        return new KioskBookings(
                "reading-room-1", Optional.of(booking), WireJson.mapper(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void booked_isCreated_withTheHubsBooking_andTheRequestNamesKioskSeatAndCard() throws Exception {
        hub = r -> Optional.of(BookingResponse.booked("b-1", r.seat(), NOW, NOW.plusSeconds(7200)));

        KioskBookings.Answer a = kiosk(Duration.ofSeconds(5)).book("desk-03", ZHANG, "{\"minutes\":120}");

        BookingRequest request = sent.getFirst();
        assertAll(
                () -> assertEquals(201, a.status(), a.toString()),
                () -> assertEquals("b-1", a.body().get("booking")),
                () -> assertEquals(NOW.plusSeconds(7200).toString(), a.body().get("end")),
                () -> assertEquals("reading-room-1", request.kioskId()),
                () -> assertEquals("desk-03", request.seat()),
                () -> assertEquals(ZHANG, request.credential()),
                () -> assertEquals(Optional.empty(), request.start()),
                () -> assertEquals(120, request.minutes()),
                () -> assertEquals(0, booking.open()));
    }

    @Test
    void roomSeat_bookedAsTheRoom_answersItsJoinCodeAndGroupSize_aSeatNeither() throws Exception {
        hub = r -> Optional.of(
                r.seat().equals("room-a")
                        ? BookingResponse.bookedRoom("b-2", r.seat(), NOW, NOW.plusSeconds(3600), "048213", 3)
                        : BookingResponse.booked("b-3", r.seat(), NOW, NOW.plusSeconds(3600)));
        KioskBookings k = kiosk(Duration.ofSeconds(5));

        KioskBookings.Answer room = k.book("room-a", ZHANG, "{\"minutes\":60,\"start\":\"2026-11-23T09:30:00Z\"}");
        KioskBookings.Answer seat = k.book("desk-03", ZHANG, "{\"minutes\":60}");

        assertAll(
                () -> assertEquals(201, room.status(), room.toString()),
                () -> assertEquals("b-2", room.body().get("booking")),
                () -> assertEquals("048213", room.body().get("joinCode")),
                () -> assertEquals(3, room.body().get("groupSize")),
                () -> assertEquals(NOW.plusSeconds(3600).toString(), room.body().get("end")),
                () -> assertEquals("room-a", sent.getFirst().seat()),
                () -> assertEquals(60, sent.getFirst().minutes()),
                () -> assertEquals(201, seat.status()),
                () -> assertTrue(
                        !seat.body().containsKey("joinCode") && !seat.body().containsKey("groupSize")));
    }

    @Test
    void laterSlot_isSentAsTheStart() throws Exception {
        hub = r -> Optional.of(BookingResponse.booked("b-1", r.seat(), r.start().orElseThrow(), NOW));

        kiosk(Duration.ofSeconds(5)).book("desk-03", ZHANG, "{\"minutes\":60,\"start\":\"2026-11-23T13:00:00Z\"}");

        assertEquals(
                Optional.of(Instant.parse("2026-11-23T13:00:00Z")),
                sent.getFirst().start());
    }

    @Test
    void refusals_carryTheHubsCode_bannedIs403() throws Exception {
        hub = r -> Optional.of(BookingResponse.refused(r.seat().equals("desk-03") ? "seat_taken" : "banned", "no"));
        KioskBookings k = kiosk(Duration.ofSeconds(5));

        KioskBookings.Answer taken = k.book("desk-03", ZHANG, "{\"minutes\":60}");
        KioskBookings.Answer banned = k.book("desk-04", ZHANG, "{\"minutes\":60}");

        assertAll(
                () -> assertEquals(409, taken.status()),
                () -> assertEquals("seat_taken", taken.body().get("code")),
                () -> assertEquals(403, banned.status()),
                () -> assertEquals("banned", banned.body().get("code")));
    }

    @Test
    void hubOffline_orSilent_isTheClearRefusal_andALateAnswerIsDropped() throws Exception {
        online = false;
        KioskBookings.Answer offline = kiosk(Duration.ofSeconds(5)).book("desk-03", ZHANG, "{\"minutes\":60}");
        assertEquals(503, offline.status());
        assertEquals("hub_offline", offline.body().get("code"));
        assertEquals(KioskBookings.OFFLINE, offline.body().get("error"));
        assertTrue(sent.isEmpty(), "nothing is asked of a hub that is not there");

        online = true;
        KioskBookings.Answer silent = kiosk(Duration.ofMillis(50)).book("desk-03", ZHANG, "{\"minutes\":60}");
        assertEquals(503, silent.status());
        assertEquals(0, booking.open(), "the request is given up");
    }

    @Test
    void malformedBody_is400NamingTheField_andAsksNothing() throws Exception {
        KioskBookings k = kiosk(Duration.ofSeconds(5));

        KioskBookings.Answer noMinutes = k.book("desk-03", ZHANG, "{}");
        KioskBookings.Answer zero = k.book("desk-03", ZHANG, "{\"minutes\":0}");
        KioskBookings.Answer badStart = k.book("desk-03", ZHANG, "{\"minutes\":60,\"start\":\"at two\"}");
        KioskBookings.Answer unknown = k.book("desk-03", ZHANG, "{\"minutes\":60,\"patron\":\"x\"}");

        assertAll(
                () -> assertEquals(400, noMinutes.status()),
                () -> assertEquals("minutes", noMinutes.body().get("field")),
                () -> assertEquals("minutes", zero.body().get("field")),
                () -> assertEquals("start", badStart.body().get("field")),
                () -> assertEquals("patron", unknown.body().get("field")),
                () -> assertTrue(sent.isEmpty()));
    }

    @Test
    void hubSaysInvalid_is400WithItsField() throws Exception {
        hub = r -> Optional.of(BookingResponse.invalid("seat", "no seat 'desk-03'"));

        KioskBookings.Answer a = kiosk(Duration.ofSeconds(5)).book("desk-03", ZHANG, "{\"minutes\":60}");

        assertEquals(400, a.status());
        assertEquals("seat", a.body().get("field"));
    }
}
