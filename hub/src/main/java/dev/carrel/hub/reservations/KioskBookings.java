package dev.carrel.hub.reservations;

import dev.carrel.hub.access.OnlineAuthoriser.Responder;
import dev.carrel.hub.patrons.Patron;
import dev.carrel.hub.patrons.Patrons;
import dev.carrel.protocol.BookingRequest;
import dev.carrel.protocol.BookingResponse;
import dev.carrel.protocol.InvalidFieldException;
import dev.carrel.protocol.PayloadException;
import dev.carrel.protocol.Topic;
import dev.carrel.protocol.WireCodec;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers kiosks' {@code requests/book} (docs/reservations.md, "At the kiosk"): the patron whose card the
 * kiosk read books a seat under the same rules as on the pass page, or, at a discussion room's door (the
 * request names the room's seat), the room, as its organiser. Every request gets an
 * answer: {@code booked}, {@code refused} with the rule's code (and {@code unknown_credential},
 * {@code not_admitted}, {@code unavailable} for what only the kiosk meets), or {@code invalid} naming the
 * field. The answer goes to the request's Response Topic with its Correlation Data (MQTT 5 §4.10), and only
 * when that topic is the asking agent's own {@code responses/book}: an agent cannot direct answers to
 * another. Bookings are written on {@code executor}, never on the MQTT callback thread.
 */
final class KioskBookings {
    private static final Logger LOG = Logger.getLogger(KioskBookings.class.getName());

    private final WireCodec codec = new WireCodec();
    private final Reservations reservations;
    private final Patrons patrons;
    private final Parts parts;
    private final Responder responder;
    private final Executor executor;
    private final Runnable sweepSoon;

    /** What the kiosks' bookings are answered with, and where. */
    record Wiring(Patrons patrons, Responder responder, Executor executor, Runnable sweepSoon) {}

    /**
     * @param wiring {@code sweepSoon} runs the deadline sweep off this thread, so a booking that starts now is
     *     reserved at its seat at once (the patron may walk straight there) rather than at the next sweep
     */
    KioskBookings(Parts parts, Reservations reservations, Wiring wiring) {
        this.parts = parts;
        this.reservations = reservations;
        this.patrons = wiring.patrons();
        this.responder = wiring.responder();
        this.executor = wiring.executor();
        this.sweepSoon = wiring.sweepSoon();
    }

    /** For {@code HubMqttClient.onRequest}: returns at once. */
    void request(Topic topic, byte[] payload, Optional<String> responseTopic, Optional<byte[]> correlation) {
        String expected = Topic.response(topic.agent(), BookingRequest.NAME).toString();
        if (responseTopic.isEmpty() || !responseTopic.get().equals(expected)) {
            LOG.warning(() -> "booking request from " + topic.agent() + " without its own response topic");
            return;
        }
        executor.execute(() -> responder.respond(expected, correlation, answer(topic, payload)));
    }

    /** The answer to one request's payload; never throws. */
    BookingResponse answer(Topic topic, byte[] payload) {
        BookingRequest request;
        try {
            request = codec.decode(topic, payload, BookingRequest.class);
        } catch (PayloadException e) {
            LOG.warning(() -> "malformed booking request from " + topic.agent() + ": " + e.getMessage());
            return BookingResponse.invalid(e.field(), e.reason());
        }
        try {
            return book(request);
        } catch (Refused r) {
            return BookingResponse.refused(r.code().wire(), r.getMessage());
        } catch (InvalidFieldException e) {
            return BookingResponse.invalid(e.field(), e.reason());
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "a kiosk booking from " + topic.agent() + " failed", e);
            return BookingResponse.refused("unavailable", "the library system cannot book now; try again");
        }
    }

    private BookingResponse book(BookingRequest request) throws SQLException {
        Optional<Patron> patron = patrons.byCredential(request.credential());
        if (patron.isEmpty()) {
            return BookingResponse.refused("unknown_credential", "this card is not registered at the library");
        }
        if (!patron.get().admitted(parts.clock.instant())) {
            return BookingResponse.refused("not_admitted", "your library account cannot book now; see the desk");
        }
        Optional<String> room = parts.spaces.current().roomOf(request.seat());
        Booking b = reservations.book(
                patron.get().id(),
                room.isPresent()
                        ? new Reservations.Request(Booking.Kind.ROOM, room.get(), request.start(), request.minutes())
                        : new Reservations.Request(
                                Booking.Kind.SEAT, request.seat(), request.start(), request.minutes()));
        if (!b.start().isAfter(parts.clock.instant())) {
            sweepSoon.run();
        }
        if (room.isPresent()) {
            return BookingResponse.bookedRoom(
                    b.id(), request.seat(), b.start(), b.end(), b.joinCode().orElseThrow(), b.minGroup());
        }
        return BookingResponse.booked(b.id(), b.resourceId(), b.start(), b.end());
    }
}
