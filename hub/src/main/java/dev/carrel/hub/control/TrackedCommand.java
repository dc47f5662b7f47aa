package dev.carrel.hub.control;

import dev.carrel.protocol.AgentId;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A command the hub sent and follows to its outcome: {@code pending} until the agent replies
 * ({@code applied} or {@code failed}), reports a twin version that carries it ({@code applied}), or its
 * expiry passes ({@code expired}).
 *
 * @param twinVersion the desired twin version that carries the command's effect
 * @param previous the twin entry it replaced, as JSON, restored if it expires unapplied
 */
public record TrackedCommand(
        String id,
        String requestId,
        AgentId agent,
        String endpoint,
        String command,
        State state,
        Optional<String> detail,
        Instant createdAt,
        Instant expiresAt,
        Instant updatedAt,
        long twinVersion,
        Optional<String> previous) {

    public enum State {
        PENDING,
        APPLIED,
        FAILED,
        EXPIRED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The twin section the command's effect lives in. */
    public String section() {
        return command.equals("lamp") ? "lamps" : "outlets";
    }
}
