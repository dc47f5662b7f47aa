package dev.carrel.hub.patrons;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A patron as the registry holds it. {@code pseudonym} is what gates, passes and reminders name instead of
 * the id; {@code greeting} is the short form a kiosk shows ("Zhang S."), the only part of the name that
 * ever reaches an agent (DESIGN §7).
 */
public record Patron(
        String id,
        String pseudonym,
        String displayName,
        String greeting,
        PatronGroup group,
        String college,
        PatronStatus status,
        Optional<Instant> validUntil,
        List<PatronCredential> credentials,
        Instant updatedAt) {

    public Patron {
        credentials = List.copyOf(credentials);
    }

    /** May this patron enter at {@code now}: active and within its validity. */
    public boolean admitted(Instant now) {
        return status == PatronStatus.ACTIVE && validUntil.map(now::isBefore).orElse(true);
    }
}
