package dev.carrel.hub.patrons;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A patron as an import row or a staff edit describes it, already checked field by field, its credentials
 * already hashed (the raw values stop at {@link PatronRows}). {@code pin} is the only secret that is still
 * raw here; it is hashed before anything is stored.
 */
public record PatronDraft(
        String id,
        String displayName,
        PatronGroup group,
        String college,
        PatronStatus status,
        Optional<Instant> validUntil,
        List<PatronCredential> credentials,
        Optional<String> pin) {

    public PatronDraft {
        credentials = List.copyOf(credentials);
    }

    @Override
    public String toString() {
        return "PatronDraft[" + id + (pin.isPresent() ? ", pin set" : "") + "]";
    }
}
