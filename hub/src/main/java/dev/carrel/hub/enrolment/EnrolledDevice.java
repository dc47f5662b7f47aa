package dev.carrel.hub.enrolment;

import java.time.Instant;
import java.util.Optional;

/** A device that enrolled: its agent id, what it was planned as, its public key, and whether it is cut off. */
public record EnrolledDevice(
        String agentId,
        String role,
        String zone,
        String publicKey,
        String hostname,
        String tokenId,
        Instant enrolledAt,
        Optional<Instant> revokedAt) {}
