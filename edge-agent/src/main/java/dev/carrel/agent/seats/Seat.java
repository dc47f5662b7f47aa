package dev.carrel.agent.seats;

import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.SeatState;
import java.time.Instant;
import java.util.Optional;

/**
 * One seat's session as the agent keeps it. Immutable: every change makes a new value, which the store
 * writes before its effects (lamp, outlet, events) happen.
 *
 * @param patron who the seat is reserved for or occupied by now
 * @param confirmed presence was seen since the check-in (always true for a seat without a sensor)
 * @param hold a long-term hold or a room group's reservation, which outlives the sessions in it: when one
 *     ends the seat is reserved for the holder again ({@link #ended()})
 */
public record Seat(
        String id,
        SeatState state,
        Optional<CredentialHash> patron,
        int leavesUsed,
        boolean confirmed,
        Optional<Deadline> deadline,
        Optional<Instant> lastPresence,
        Optional<Hold> hold) {

    public static Seat free(String id) {
        return new Seat(
                id, SeatState.FREE, Optional.empty(), 0, false, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Free, the hold (if any) gone too. */
    Seat released() {
        return new Seat(
                id, SeatState.FREE, Optional.empty(), 0, false, Optional.empty(), lastPresence, Optional.empty());
    }

    /** The session is over: free, or reserved for the holder again while a hold lasts. */
    Seat ended() {
        return hold.map(h -> new Seat(
                        id,
                        SeatState.RESERVED,
                        Optional.of(h.holder()),
                        0,
                        false,
                        Optional.<Deadline>empty(),
                        lastPresence,
                        hold))
                .orElseGet(this::released);
    }

    /** Reserved for its holder with no session in it: what a held seat is between sessions. */
    boolean waitingForHolder() {
        return hold.isPresent()
                && state == SeatState.RESERVED
                && deadline.isEmpty()
                && heldBy(hold.get().holder());
    }

    Seat with(SeatState newState, Optional<Deadline> newDeadline) {
        return new Seat(id, newState, patron, leavesUsed, confirmed, newDeadline, lastPresence, hold);
    }

    Seat heldBy(CredentialHash holder, SeatState newState, boolean isConfirmed, Optional<Deadline> newDeadline) {
        return new Seat(id, newState, Optional.of(holder), 0, isConfirmed, newDeadline, lastPresence, hold);
    }

    Seat withHold(Optional<Hold> newHold) {
        return new Seat(id, state, patron, leavesUsed, confirmed, deadline, lastPresence, newHold);
    }

    Seat seen(Instant at) {
        return new Seat(id, state, patron, leavesUsed, confirmed, deadline, Optional.of(at), hold);
    }

    Seat confirmedNow() {
        return new Seat(id, state, patron, leavesUsed, true, deadline, lastPresence, hold);
    }

    Seat onLeave(Deadline leave) {
        return new Seat(id, SeatState.AWAY, patron, leavesUsed + 1, confirmed, Optional.of(leave), lastPresence, hold);
    }

    boolean heldBy(CredentialHash who) {
        return patron.map(who::equals).orElse(false);
    }

    /**
     * The session in the seat is the holder's own, or for a room a member's of its group (a hold's sessions
     * count no violation).
     */
    boolean holderSession() {
        return hold.map(h -> patron.map(h::admits).orElse(false)).orElse(false);
    }

    /** The seat's hold lets this credential in. */
    boolean admits(CredentialHash who) {
        return hold.map(h -> h.admits(who)).orElse(false);
    }
}
