package dev.carrel.agent.kiosk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.protocol.BookingRequest;
import dev.carrel.protocol.BookingResponse;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.InvalidFieldException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /api/seats/{id}/book} {@code {"minutes": 1-1440, "start"?: "2026-11-23T14:00:00Z"}}: books the seat
 * at the hub for the patron who just tapped their card at the kiosk ({@link KioskPatron}). The hub decides
 * (docs/reservations.md, "At the kiosk"); this class only turns its answer into the kiosk API's:
 *
 * <p>At a discussion room's door the seat is the room's, and the hub books the room: the answer then also has
 * the group's {@code joinCode} and {@code groupSize} (members needed, the organiser included).
 *
 * <ul>
 *   <li>{@code 201 {"booking", "seat", "start", "end", "joinCode"?, "groupSize"?}}, and the screen forgets the
 *       patron;
 *   <li>{@code 409 {"error", "code"}} for a rule's refusal ({@code 403} for {@code banned}), the hub's codes;
 *   <li>{@code 400 {"error", "field"}} for a request the hub or this class found malformed;
 *   <li>{@code 503 {"error", "code": "hub_offline"}} when the hub cannot be asked or does not answer in time:
 *       nothing was booked that the kiosk knows of, and the patron can still walk up to a free seat.
 * </ul>
 */
final class KioskBookings {
    /** What the page shows for {@code hub_offline}, in English; the page has its own translations. */
    static final String OFFLINE = "booking needs the library system; walk up to a free seat instead";

    private static final Set<String> KEYS = Set.of("minutes", "start");

    /** The kiosk API's answer: an HTTP status and its JSON body. */
    record Answer(int status, Map<String, Object> body) {}

    private final String kioskId;
    private final Optional<HubBooking> hub;
    private final ObjectMapper json;
    private final Clock clock;

    KioskBookings(String kioskId, Optional<HubBooking> hub, ObjectMapper json, Clock clock) {
        this.kioskId = kioskId;
        this.hub = hub;
        this.json = json;
        this.clock = clock;
    }

    /** Asks the hub for the seat; blocks for at most the booking's bounded wait. */
    Answer book(String seat, CredentialHash patron, String body) throws InterruptedException {
        BookingRequest request;
        try {
            request = request(seat, patron, body);
        } catch (InvalidFieldException e) {
            return new Answer(400, Map.of("error", "field '" + e.field() + "' " + e.reason(), "field", e.field()));
        }
        if (hub.isEmpty()) {
            return offline();
        }
        Optional<BookingResponse> answer = hub.get().book(request);
        if (answer.isEmpty()) {
            return offline();
        }
        BookingResponse r = answer.get();
        return switch (r.outcome()) {
            case BOOKED -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("booking", r.bookingId().orElseThrow());
                out.put("seat", r.seat().orElse(seat));
                out.put("start", r.start().orElseThrow().toString());
                out.put("end", r.end().orElseThrow().toString());
                r.joinCode().ifPresent(code -> out.put("joinCode", code));
                r.groupSize().ifPresent(n -> out.put("groupSize", n));
                yield new Answer(201, out);
            }
            case REFUSED -> {
                String code = r.code().orElseThrow();
                yield new Answer(
                        code.equals("banned") ? 403 : 409,
                        Map.of("error", r.reason().orElse(code), "code", code));
            }
            case INVALID -> {
                String field = r.field().orElseThrow();
                yield new Answer(
                        400,
                        Map.of("error", "field '" + field + "' " + r.reason().orElse("is wrong"), "field", field));
            }
        };
    }

    private static Answer offline() {
        return new Answer(503, Map.of("error", OFFLINE, "code", "hub_offline"));
    }

    private BookingRequest request(String seat, CredentialHash patron, String body) {
        JsonNode n;
        try {
            n = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidFieldException("$", "the body is not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new InvalidFieldException("$", "the body must be a JSON object");
        }
        n.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                throw new InvalidFieldException(k, "is unknown; expected " + KEYS);
            }
        });
        JsonNode minutes = n.path("minutes");
        if (!minutes.isInt()) {
            throw new InvalidFieldException("minutes", "must be a whole number 1-1440");
        }
        return new BookingRequest(kioskId, patron, seat, start(n.path("start")), minutes.asInt(), clock.instant());
    }

    private static Optional<Instant> start(JsonNode start) {
        if (start.isMissingNode() || start.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(start.asText()));
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException("start", "must be an instant like 2026-11-23T14:00:00Z");
        }
    }
}
