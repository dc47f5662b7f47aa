package dev.carrel.protocol;

import java.time.Instant;
import java.util.Optional;

/**
 * A reading-room kiosk books a seat for the patron whose card it just read, on {@code requests/book} with an
 * MQTT 5 response topic and correlation data (MQTT 5 §4.10); a discussion room's door kiosk sends its room's
 * seat, and the hub books the room. The hub owns bookings and answers with a {@link BookingResponse};
 * {@code start} empty means now.
 */
public record BookingRequest(
        String kioskId, CredentialHash credential, String seat, Optional<Instant> start, int minutes, Instant ts)
        implements Message {

    public static final String NAME = "book";

    public BookingRequest {
        Check.localId("kioskId", kioskId);
        Check.present("credential", credential);
        Check.localId("seat", seat);
        start = Check.optional("start", start);
        Check.range("minutes", minutes, 1, 24 * 60);
        Check.present("ts", ts);
    }
}
