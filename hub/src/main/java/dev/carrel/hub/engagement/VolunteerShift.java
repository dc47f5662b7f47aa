package dev.carrel.hub.engagement;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.hub.spaces.Fields;
import dev.carrel.protocol.InvalidFieldException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/** A volunteer shift: a task at a time, with a number of slots. Checked at construction, naming the field. */
record VolunteerShift(
        String id,
        String title,
        String zone,
        Instant startsAt,
        Instant endsAt,
        int slots,
        Optional<Instant> cancelledAt) {

    static final int MAX_SLOTS = 1_000;
    private static final Set<String> FIELDS = Set.of("title", "zone", "startsAt", "endsAt", "slots");

    VolunteerShift {
        if (title == null || title.isBlank() || title.length() > 200) {
            throw new InvalidFieldException("title", "must be 1-200 characters");
        }
        if (!endsAt.isAfter(startsAt)) {
            throw new InvalidFieldException("endsAt", "must be after 'startsAt'");
        }
        if (Duration.between(startsAt, endsAt).compareTo(Duration.ofHours(24)) > 0) {
            throw new InvalidFieldException("endsAt", "must be at most 24 hours after 'startsAt'");
        }
        if (slots < 1 || slots > MAX_SLOTS) {
            throw new InvalidFieldException("slots", "must be from 1 to " + MAX_SLOTS);
        }
    }

    boolean cancelled() {
        return cancelledAt.isPresent();
    }

    VolunteerShift withCancelledAt(Optional<Instant> at) {
        return new VolunteerShift(id, title, zone, startsAt, endsAt, slots, at);
    }

    /**
     * The time of {@code [in, out)} that counts: only checked-in time, and only within the shift. A check-in
     * without a check-out counts up to {@code now} (and never past the shift's end).
     */
    Duration credited(Optional<Instant> in, Optional<Instant> out, Instant now) {
        if (in.isEmpty()) {
            return Duration.ZERO;
        }
        Instant from = in.get().isAfter(startsAt) ? in.get() : startsAt;
        Instant until = out.orElse(now);
        if (until.isAfter(endsAt)) {
            until = endsAt;
        }
        return until.isAfter(from) ? Duration.between(from, until) : Duration.ZERO;
    }

    static VolunteerShift fromJson(String id, JsonNode body) {
        Fields.only(body, "", FIELDS);
        return new VolunteerShift(
                id,
                Fields.text(body, "", "title").strip(),
                Fields.optionalText(body, "", "zone").orElse(""),
                instant(body, "startsAt"),
                instant(body, "endsAt"),
                Fields.optionalInt(body, "", "slots", 1, MAX_SLOTS)
                        .orElseThrow(() -> new InvalidFieldException("slots", "is required")),
                Optional.empty());
    }

    private static Instant instant(JsonNode body, String field) {
        String text =
                Fields.optionalText(body, "", field).orElseThrow(() -> new InvalidFieldException(field, "is required"));
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "must be an ISO-8601 instant such as 2026-12-01T14:00:00Z");
        }
    }
}
