package dev.carrel.hub.engagement;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.hub.spaces.Fields;
import dev.carrel.protocol.InvalidFieldException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A library event: a lecture, workshop or reading club in a zone (or elsewhere: {@code ""}), with a capacity
 * and a registration window. Checked once at construction; every error names its field.
 */
record LibraryEvent(
        String id,
        String title,
        Kind kind,
        String zone,
        Instant startsAt,
        Instant endsAt,
        int capacity,
        Instant registrationOpens,
        Instant registrationCloses,
        Optional<Instant> cancelledAt) {

    static final int MAX_CAPACITY = 10_000;
    private static final Set<String> FIELDS = Set.of(
            "title", "kind", "zone", "startsAt", "endsAt", "capacity", "registrationOpens", "registrationCloses");

    enum Kind {
        LECTURE,
        WORKSHOP,
        READING_CLUB,
        OTHER;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind parse(String text) {
            return Arrays.stream(values())
                    .filter(k -> k.wire().equals(text))
                    .findFirst()
                    .orElseThrow(() -> new InvalidFieldException(
                            "kind", "must be lecture, workshop, reading_club or other, not '" + text + "'"));
        }
    }

    LibraryEvent {
        if (title == null || title.isBlank() || title.length() > 200) {
            throw new InvalidFieldException("title", "must be 1-200 characters");
        }
        if (!endsAt.isAfter(startsAt)) {
            throw new InvalidFieldException("endsAt", "must be after 'startsAt'");
        }
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new InvalidFieldException("capacity", "must be from 1 to " + MAX_CAPACITY);
        }
        if (!registrationCloses.isAfter(registrationOpens)) {
            throw new InvalidFieldException("registrationCloses", "must be after 'registrationOpens'");
        }
        if (registrationCloses.isAfter(endsAt)) {
            throw new InvalidFieldException("registrationCloses", "must not be after 'endsAt'");
        }
    }

    boolean cancelled() {
        return cancelledAt.isPresent();
    }

    LibraryEvent withCancelledAt(Optional<Instant> at) {
        return new LibraryEvent(
                id, title, kind, zone, startsAt, endsAt, capacity, registrationOpens, registrationCloses, at);
    }

    /**
     * An event from a staff request's body. {@code registrationOpens} defaults to now, {@code
     * registrationCloses} to the start; {@code zone} to none.
     */
    static LibraryEvent fromJson(String id, JsonNode body, Instant now) {
        Fields.only(body, "", FIELDS);
        Instant starts =
                instant(body, "startsAt").orElseThrow(() -> new InvalidFieldException("startsAt", "is required"));
        Instant ends = instant(body, "endsAt").orElseThrow(() -> new InvalidFieldException("endsAt", "is required"));
        return new LibraryEvent(
                id,
                Fields.text(body, "", "title").strip(),
                Kind.parse(Fields.optionalText(body, "", "kind").orElse("other")),
                Fields.optionalText(body, "", "zone").orElse(""),
                starts,
                ends,
                Fields.optionalInt(body, "", "capacity", 1, MAX_CAPACITY)
                        .orElseThrow(() -> new InvalidFieldException("capacity", "is required")),
                instant(body, "registrationOpens").orElse(now),
                instant(body, "registrationCloses").orElse(starts),
                Optional.empty());
    }

    private static Optional<Instant> instant(JsonNode body, String field) {
        Optional<String> text = Fields.optionalText(body, "", field);
        try {
            return text.map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "must be an ISO-8601 instant such as 2026-12-01T14:00:00Z");
        }
    }
}
