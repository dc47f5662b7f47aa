package dev.carrel.agent.seats;

import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.SeatState;
import java.time.Instant;
import java.util.Optional;

/**
 * One seat's session as the agent keeps it. Immutable: every change makes a new value, which the store
 * writes before its effects (lamp, outlet, events) happen.
 *
 * @param confirmed presence was seen since the check-in (always true for a seat without a sensor)
 */
public record Seat(
        String id,
        SeatState state,
        Optional<CredentialHash> patron,
        int leavesUsed,
        boolean confirmed,
        Optional<Deadline> deadline,
        Optional<Instant> lastPresence) {

    public static Seat free(String id) {
        return new Seat(id, SeatState.FREE, Optional.empty(), 0, false, Optional.empty(), Optional.empty());
    }

    Seat released() {
        return new Seat(id, SeatState.FREE, Optional.empty(), 0, false, Optional.empty(), lastPresence);
    }

    Seat with(SeatState newState, Optional<Deadline> newDeadline) {
        return new Seat(id, newState, patron, leavesUsed, confirmed, newDeadline, lastPresence);
    }

    Seat heldBy(CredentialHash holder, SeatState newState, boolean isConfirmed, Optional<Deadline> newDeadline) {
        return new Seat(id, newState, Optional.of(holder), 0, isConfirmed, newDeadline, lastPresence);
    }

    Seat seen(Instant at) {
        return new Seat(id, state, patron, leavesUsed, confirmed, deadline, Optional.of(at));
    }

    Seat confirmedNow() {
        return new Seat(id, state, patron, leavesUsed, true, deadline, lastPresence);
    }

    Seat onLeave(Deadline leave) {
        return new Seat(id, SeatState.AWAY, patron, leavesUsed + 1, confirmed, Optional.of(leave), lastPresence);
    }

    boolean heldBy(CredentialHash who) {
        return patron.map(who::equals).orElse(false);
    }
}
