package dev.carrel.agent.kiosk;

import dev.carrel.protocol.CredentialHash;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Who is at the kiosk: the last credential tapped on its reader, for a short while. The touch screen acts
 * for that patron (choose a seat, take a leave, check out); nothing typed on the screen identifies anyone.
 */
public final class KioskPatron {
    static final Duration VALID = Duration.ofSeconds(60);

    private final Clock clock;
    private CredentialHash patron;
    private Instant until = Instant.MIN;

    public KioskPatron(Clock clock) {
        this.clock = clock;
    }

    public synchronized void tapped(CredentialHash credential) {
        patron = credential;
        until = clock.instant().plus(VALID);
    }

    public synchronized Optional<CredentialHash> current() {
        return clock.instant().isBefore(until) ? Optional.of(patron) : Optional.empty();
    }

    public synchronized void done() {
        patron = null;
        until = Instant.MIN;
    }
}
