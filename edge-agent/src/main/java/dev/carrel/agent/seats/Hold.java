package dev.carrel.agent.seats;

import dev.carrel.protocol.CredentialHash;
import java.time.Instant;

/**
 * A long-term hold from the hub (issue 7: an exam-preparation seat held for weeks): the seat is reserved for
 * {@code holder} whenever nobody sits there in a session, and only the holder may check in, until
 * {@code until}. It has no grace and no no-show; whether the holder uses the seat enough is the hub's
 * business (the weekly presence quota).
 */
public record Hold(CredentialHash holder, Instant until) {

    public boolean overBy(Instant now) {
        return !until.isAfter(now);
    }
}
