package dev.carrel.hub.reservations;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.hub.broker.BrokerUsers;
import dev.carrel.hub.patrons.SiteKey;
import dev.carrel.protocol.BookingRequest;
import dev.carrel.protocol.BookingResponse;
import dev.carrel.protocol.BookingResponse.Outcome;
import dev.carrel.protocol.CommandBody;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.CredentialKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, booking at the kiosk: a real hub (patrons, reservations, embedded broker) answers {@code requests/book}
 * over MQTT 5 request/response with the booking, a refusal code from the reservation rules, or the field of a
 * malformed request.
 */
class KioskBookingTest {
    private static final byte[] SECRET = new byte[32];

    @TempDir
    Path dir;

    private ReservationHub h;
    private KioskRequester kiosk;

    @BeforeEach
    void start() throws Exception {
        Path secret = dir.resolve("site-secret");
        Files.createFile(secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secret, Base64.getEncoder().encodeToString(SECRET));
        h = new ReservationHub(
                dir,
                "2026-11-23T09:50",
                Map.of(
                        "carrel.site.id", "lib",
                        "carrel.site.secret-file", secret.toString(),
                        "carrel.passes.pin-iterations", "1000",
                        "carrel.reservations.penalties.violations", "1"));
        h.hub.reservations()
                .holders(new PatronHolders(h.hub.access().orElseThrow().patrons()));
        importPatrons("id,name,group,card_uid,pin\n"
                + "p1,Zhang San,undergraduate,04A1B2C3,4711\n"
                + "p2,Li Si,undergraduate,04A1B2C5,2468\n"
                + "p3,Wang Wu,undergraduate,04A1B2C7,1357\n");
        kiosk = new KioskRequester(
                h.hub.brokerUri(), "kiosk-3f", h.hub.brokerUsers().issue("kiosk-3f", BrokerUsers.Role.AGENT));
    }

    @AfterEach
    void stop() throws Exception {
        if (kiosk != null) {
            kiosk.close();
        }
        h.close();
    }

    private void importPatrons(String csv) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + h.hub.httpPort();
        String token = "Bearer " + h.hub.staff().issueToken("admin");
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/patrons/imports"))
                        .header("Authorization", token)
                        .POST(HttpRequest.BodyPublishers.ofString(csv))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
        URI job = URI.create(base + r.headers().firstValue("Location").orElseThrow());
        ReservationHub.await(
                () -> {
                    try {
                        return http.send(
                                        HttpRequest.newBuilder(job)
                                                .header("Authorization", token)
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .body()
                                .contains("\"state\":\"done\"");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                "the import to finish");
    }

    private static CredentialHash card(String uid) throws Exception {
        return SiteKey.of(SECRET).hash(CredentialKind.CARD_UID, uid);
    }

    private static BookingRequest request(String uid, String seat, Optional<Instant> start, int minutes)
            throws Exception {
        return new BookingRequest("kiosk-3f", card(uid), seat, start, minutes, Instant.now());
    }

    private BookingResponse book(String uid, String seat) throws Exception {
        return kiosk.book(request(uid, seat, Optional.empty(), 120));
    }

    private static void assertRefused(String code, BookingResponse answer) {
        assertAll(
                () -> assertEquals(Outcome.REFUSED, answer.outcome(), answer.toString()),
                () -> assertEquals(Optional.of(code), answer.code(), answer.toString()));
    }

    @Test
    void cardAtTheKiosk_booksTheSeatForItsPatron_reservedAtTheSeatAtOnce_andTheNextCardIsRefused() throws Exception {
        SeatAgent seats = h.agent();
        BookingResponse booked = book("04A1B2C3", "desk-2");

        assertEquals(Outcome.BOOKED, booked.outcome(), booked.toString());
        Booking stored = h.booking(booked.bookingId().orElseThrow());
        assertAll(
                () -> assertEquals("p1", stored.patronId()),
                () -> assertEquals("desk-2", stored.resourceId()),
                () -> assertEquals(Booking.State.BOOKED, stored.state()),
                () -> assertEquals(ReservationHub.at("2026-11-23T09:50"), stored.start()),
                () -> assertEquals(Optional.of(stored.end()), booked.end()),
                () -> assertEquals(Optional.of(card("04A1B2C3").hex()), stored.holder()));
        // No sweep is due for an hour (sweep-every): the kiosk's booking asked for one at once.
        CommandBody.SeatAction reserve = seats.awaitCommand(CommandBody.SeatAction.Action.RESERVE);
        assertEquals(Optional.of("desk-2"), reserve.seatId());
        assertRefused("seat_taken", book("04A1B2C5", "desk-2"));
        assertRefused("already_booked", book("04A1B2C3", "desk-3"));
    }

    @Test
    void doorKiosk_booksTheRoomThroughItsSeat_withTheOrganiserInTheGroup_andItsJoinCodeInTheAnswer() throws Exception {
        BookingResponse booked = kiosk.book(request("04A1B2C3", "room-a-seat", Optional.empty(), 60));

        assertEquals(Outcome.BOOKED, booked.outcome(), booked.toString());
        Booking stored = h.booking(booked.bookingId().orElseThrow());
        assertAll(
                () -> assertEquals(Booking.Kind.ROOM, stored.kind()),
                () -> assertEquals("room-a", stored.resourceId()),
                () -> assertEquals("p1", stored.patronId()),
                () -> assertEquals(Booking.State.FORMING, stored.state()),
                () -> assertEquals(ReservationHub.at("2026-11-23T09:50"), stored.start()),
                () -> assertEquals(Optional.of(stored.end()), booked.end()),
                () -> assertTrue(stored.joinCode().orElseThrow().matches("[0-9]{6}")),
                () -> assertEquals(stored.joinCode(), booked.joinCode()),
                () -> assertEquals(Optional.of(3), booked.groupSize()),
                () -> assertEquals(Optional.of("room-a-seat"), booked.seat()),
                () -> assertEquals(java.util.List.of("p1"), h.reservations().members(stored.id())));
    }

    @Test
    void doorKiosk_roomRefusals_carryTheRulesCodes_andChangeNothing() throws Exception {
        Instant eleven = ReservationHub.at("2026-11-23T11:00");
        kiosk.book(request("04A1B2C3", "room-a-seat", Optional.of(eleven), 60));

        assertRefused("seat_taken", kiosk.book(request("04A1B2C5", "room-a-seat", Optional.of(eleven), 30)));
        assertRefused(
                "already_booked",
                kiosk.book(request("04A1B2C3", "room-a-seat", Optional.of(eleven.plusSeconds(1800)), 90)));
        assertRefused(
                "outside_window",
                kiosk.book(request("04A1B2C5", "room-a-seat", Optional.of(ReservationHub.at("2026-11-26T10:00")), 60)));
        BookingResponse tooShort = kiosk.book(request("04A1B2C5", "room-a-seat", Optional.empty(), 20));
        assertEquals(Optional.of("minutes"), tooShort.field(), tooShort.toString());

        assertTrue(h.reservations().mine("p2").isEmpty(), "nothing was booked for p2");
        assertEquals(1, h.reservations().mine("p1").size());
    }

    @Test
    void readingRoomSeat_isStillASeat_withoutJoinCodeOrGroup() throws Exception {
        BookingResponse booked = book("04A1B2C3", "desk-2");

        assertEquals(
                Booking.Kind.SEAT, h.booking(booked.bookingId().orElseThrow()).kind());
        assertEquals(Optional.empty(), booked.joinCode());
        assertEquals(Optional.empty(), booked.groupSize());
    }

    @Test
    void laterSlot_isBookedFromItsStart() throws Exception {
        Instant at = ReservationHub.at("2026-11-23T14:00");
        BookingResponse booked = kiosk.book(request("04A1B2C3", "desk-1", Optional.of(at), 90));

        assertEquals(Optional.of(at), booked.start(), booked.toString());
        assertEquals(Optional.of(at.plusSeconds(90 * 60)), booked.end());
    }

    @Test
    void rulesRefuse_withTheirCodes_andChangeNothing() throws Exception {
        assertRefused("walk_up_only", book("04A1B2C3", "desk-9"));
        assertRefused(
                "outside_window",
                kiosk.book(request("04A1B2C3", "desk-2", Optional.of(ReservationHub.at("2026-11-26T10:00")), 60)));
        assertRefused("unknown_credential", book("FFFFFFFF", "desk-2"));
        h.hub.access().orElseThrow().patrons().suspend("p2");
        assertRefused("not_admitted", book("04A1B2C5", "desk-2"));

        // p3 does not come to a booking: with one violation enough for a ban, the kiosk refuses p3 next.
        h.book("p3", "desk-3", "2026-11-23T10:00", 60);
        h.sweepAt("2026-11-23T10:00");
        h.sweepAt("2026-11-23T10:15");
        assertRefused("banned", book("04A1B2C7", "desk-2"));

        assertTrue(h.reservations().mine("p1").isEmpty(), "nothing was booked for p1");
        assertTrue(h.reservations().mine("p2").isEmpty(), "nothing was booked for p2");
    }

    @Test
    void malformedRequest_isAnsweredWithTheFieldItGotWrong() throws Exception {
        String valid = new String(
                new dev.carrel.protocol.WireCodec().encode(request("04A1B2C3", "desk-2", Optional.empty(), 60)),
                StandardCharsets.UTF_8);

        BookingResponse zero =
                kiosk.send(valid.replace("\"minutes\":60", "\"minutes\":0").getBytes(StandardCharsets.UTF_8));
        BookingResponse noSeat =
                kiosk.send(valid.replace("\"seat\":\"desk-2\",", "").getBytes(StandardCharsets.UTF_8));
        BookingResponse unknownSeat = kiosk.book(request("04A1B2C3", "desk-77", Optional.empty(), 60));
        BookingResponse notJson = kiosk.send("{minutes".getBytes(StandardCharsets.UTF_8));

        assertAll(
                () -> assertEquals(Outcome.INVALID, zero.outcome(), zero.toString()),
                () -> assertEquals(Optional.of("minutes"), zero.field()),
                () -> assertEquals(Optional.of("seat"), noSeat.field(), noSeat.toString()),
                () -> assertEquals(Optional.of("seat"), unknownSeat.field(), unknownSeat.toString()),
                () -> assertEquals(Optional.of("$"), notJson.field(), notJson.toString()),
                () -> assertTrue(h.reservations().mine("p1").isEmpty(), "nothing was booked"));
    }
}
