package dev.carrel.protocol;

import java.time.Instant;
import java.util.UUID;

/**
 * A message id that sorts by creation time: a UUID version 7 (RFC 9562 §5.7), 48 bits of Unix milliseconds
 * then random bits. Consumers dedupe on it; string order equals time order.
 */
public record EventId(UUID value) implements Comparable<EventId> {

    public EventId {
        Check.present("id", value);
        if (value.version() != 7 || value.variant() != 2) {
            throw new InvalidFieldException("id", "must be a UUID version 7, got " + value);
        }
    }

    public static EventId parse(String text) {
        Check.present("id", text);
        if (text.length() != 36) {
            throw new InvalidFieldException("id", "must be a UUID in its 36-character form, got '" + text + "'");
        }
        try {
            return new EventId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("id", "must be a UUID version 7, got '" + text + "'");
        }
    }

    /** The millisecond the id was made in. */
    public Instant time() {
        return Instant.ofEpochMilli(value.getMostSignificantBits() >>> 16);
    }

    @Override
    public int compareTo(EventId other) {
        // UUID.compareTo compares signed longs; v7 ids must compare as unsigned to sort by time.
        int high = Long.compareUnsigned(value.getMostSignificantBits(), other.value.getMostSignificantBits());
        return high != 0
                ? high
                : Long.compareUnsigned(value.getLeastSignificantBits(), other.value.getLeastSignificantBits());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
