package dev.carrel.agent.kiosk;

import dev.carrel.protocol.CredentialHash;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Who is at the kiosk: the last credential tapped on its reader, for a short while. The touch screen acts
 * for that patron (choose a seat, take a leave, check out); nothing typed on the screen identifies anyone.
 *
 * <p>After the screen has acted ({@link #done}) the patron is still the one this kiosk {@linkplain #served
 * served} for {@link #FEEDBACK}: the feedback screen that follows a check-out carries their credential hash,
 * so the hub can count the score under their patron group (docs/engagement.md). One rating uses it up.
 */
public final class KioskPatron {
    static final Duration VALID = Duration.ofSeconds(60);
    static final Duration FEEDBACK = Duration.ofSeconds(120);

    private final Clock clock;
    private CredentialHash patron;
    private Instant until = Instant.MIN;
    private Instant servedUntil = Instant.MIN;

    public KioskPatron(Clock clock) {
        this.clock = clock;
    }

    public synchronized void tapped(CredentialHash credential) {
        patron = credential;
        until = clock.instant().plus(VALID);
        servedUntil = clock.instant().plus(FEEDBACK);
    }

    public synchronized Optional<CredentialHash> current() {
        return clock.instant().isBefore(until) ? Optional.of(patron) : Optional.empty();
    }

    /**
     * The patron went out through the gate's exit reader: the feedback question that follows may name them,
     * but the screen may not act for them.
     */
    public synchronized void left(CredentialHash credential) {
        patron = credential;
        until = Instant.MIN;
        servedUntil = clock.instant().plus(FEEDBACK);
    }

    /** The screen has acted for the patron: the next action needs a new tap. */
    public synchronized void done() {
        until = Instant.MIN;
    }

    /** The patron this kiosk served in the last {@link #FEEDBACK}, for the rating that follows. */
    public synchronized Optional<CredentialHash> served() {
        return patron != null && clock.instant().isBefore(servedUntil) ? Optional.of(patron) : Optional.empty();
    }

    /** A rating has named the served patron; the next one does not. */
    public synchronized void rated() {
        servedUntil = Instant.MIN;
    }
}
