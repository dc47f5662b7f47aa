package dev.carrel.hub.enrolment;

import dev.carrel.provisioning.DeviceRole;
import java.time.Instant;
import java.util.Optional;

/**
 * An enrolment token as the administrator sees it (never its text, which only the creator saw).
 *
 * @param id the token's short public handle
 * @param usedBy the agent id it enrolled, once used
 */
public record PlannedDevice(
        String id,
        DeviceRole role,
        String zone,
        String note,
        Instant createdAt,
        Instant expiresAt,
        Optional<Instant> usedAt,
        Optional<String> usedBy,
        Optional<Instant> revokedAt) {

    /** What the token can still do at {@code now}. */
    public String state(Instant now) {
        if (revokedAt.isPresent()) {
            return "revoked";
        }
        if (usedAt.isPresent()) {
            return "used";
        }
        return now.isBefore(expiresAt) ? "open" : "expired";
    }
}
