package dev.carrel.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A change to a gate's local allow-list, on {@code credentials}. A delta applies only on top of
 * {@code fromVersion}; a {@code snapshot} replaces the whole list (and has {@code fromVersion} 0), which is
 * what an agent that missed versions receives.
 */
public record AllowlistDelta(
        long fromVersion, long toVersion, boolean snapshot, List<Entry> upserts, List<CredentialHash> removals)
        implements Message {

    /** An allowed credential: who it belongs to (a pseudonym), the kiosk greeting, and until when. */
    public record Entry(CredentialHash credential, String patron, String greeting, Optional<Instant> validUntil) {
        public Entry {
            Check.present("credential", credential);
            Check.localId("patron", patron);
            Check.text("greeting", greeting, 32);
            validUntil = Check.optional("validUntil", validUntil);
        }
    }

    public AllowlistDelta {
        Check.range("fromVersion", fromVersion, 0, Long.MAX_VALUE);
        Check.range("toVersion", toVersion, 1, Long.MAX_VALUE);
        if (toVersion <= fromVersion) {
            throw new InvalidFieldException("toVersion", "must be greater than fromVersion " + fromVersion);
        }
        if (snapshot && fromVersion != 0) {
            throw new InvalidFieldException("fromVersion", "must be 0 for a snapshot");
        }
        upserts = Check.list("upserts", upserts, 500_000);
        removals = Check.list("removals", removals, 500_000);
    }
}
