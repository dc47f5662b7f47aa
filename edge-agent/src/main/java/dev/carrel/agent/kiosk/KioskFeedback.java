package dev.carrel.agent.kiosk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.EventBody.Feedback.Context;
import dev.carrel.protocol.InvalidFieldException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code POST /api/feedback} ({@code {"score": 1-5, "comment"?: "…", "context"?: "exit"}}) into the
 * protocol's {@link EventBody.Feedback}. The context defaults by the kiosk's mode: a gate asks after a
 * visit, a reading room after a seat session, a room door after a room session. Anything else in the body
 * is refused, naming the field, so a page bug is seen rather than silently dropped. The patron is the one the
 * kiosk just served ({@link KioskPatron#served}); the page never names anyone.
 */
final class KioskFeedback {
    private static final Set<String> KEYS = Set.of("score", "comment", "context");
    private static final Map<KioskProfile.Mode, Context> BY_MODE = Map.of(
            KioskProfile.Mode.GATE, Context.EXIT,
            KioskProfile.Mode.READING_ROOM, Context.SEAT_SESSION,
            KioskProfile.Mode.ROOM, Context.ROOM_SESSION,
            KioskProfile.Mode.EVENT, Context.ROOM_SESSION);

    private KioskFeedback() {}

    /** @throws IllegalArgumentException naming the field that is wrong */
    static EventBody.Feedback read(
            ObjectMapper json, String body, String kioskId, KioskProfile.Mode mode, Optional<CredentialHash> patron) {
        JsonNode n;
        try {
            n = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        n.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("field '" + k + "' is unknown; expected " + KEYS);
            }
        });
        JsonNode score = n.path("score");
        if (!score.isInt()) {
            throw new IllegalArgumentException("field 'score' must be a whole number 1-5");
        }
        JsonNode comment = n.path("comment");
        if (!comment.isMissingNode() && !comment.isTextual()) {
            throw new IllegalArgumentException("field 'comment' must be a text");
        }
        try {
            return new EventBody.Feedback(
                    kioskId,
                    context(n.path("context"), mode),
                    score.asInt(),
                    comment.isMissingNode() || comment.asText().isBlank()
                            ? Optional.empty()
                            : Optional.of(comment.asText().strip()),
                    patron);
        } catch (InvalidFieldException e) {
            throw new IllegalArgumentException("field '" + e.field() + "' " + e.reason());
        }
    }

    private static Context context(JsonNode v, KioskProfile.Mode mode) {
        if (v.isMissingNode()) {
            return BY_MODE.get(mode);
        }
        try {
            return Context.valueOf(v.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field 'context' must be exit, seat_session or room_session");
        }
    }
}
