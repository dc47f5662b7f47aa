package dev.carrel.drivers;

import java.time.Instant;
import java.util.Objects;

/**
 * One presentation at a reader.
 *
 * @param kind what was presented
 * @param value the raw identifier: an upper-case hex UID, a decimal Wiegand number
 *     ({@code facility:card} for 26-bit), the QR text, a face terminal's patron id
 * @param readerId the endpoint id of the reader
 * @param at when it was read
 */
public record Credential(CredentialKind kind, String value, String readerId, Instant at) {

    public Credential {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(readerId, "readerId");
        Objects.requireNonNull(at, "at");
    }

    /** Never prints the raw value, so logs do not leak patron identifiers. */
    @Override
    public String toString() {
        return "Credential[" + kind + " from " + readerId + " at " + at + ", " + value.length() + " chars]";
    }
}
