package dev.carrel.agent.seats;

import dev.carrel.protocol.CredentialHash;
import java.time.Instant;
import java.util.List;

/**
 * A seat held by the hub for someone until {@code until} (issue 7), outliving the sessions in it: the seat
 * is reserved for {@code holder} whenever nobody sits there in a session, and only those it
 * {@linkplain #admits admits} may check in. Either a long-term hold (an exam-preparation seat held for weeks
 * for one patron: {@code members} empty) or a discussion room's seat reserved for its group while the
 * booking lasts ({@code members} every member's credential, the organiser {@code holder} among them). It has
 * no grace and no no-show; whether the seat is used enough is the hub's business (the weekly presence
 * quota).
 */
public record Hold(CredentialHash holder, Instant until, List<CredentialHash> members) {

    public Hold {
        members = List.copyOf(members);
    }

    /** A long-term hold: the holder alone. */
    public Hold(CredentialHash holder, Instant until) {
        this(holder, until, List.of());
    }

    public boolean overBy(Instant now) {
        return !until.isAfter(now);
    }

    /** A room's group rather than one patron. */
    public boolean group() {
        return !members.isEmpty();
    }

    /** Whether this credential may check in at the held seat. */
    public boolean admits(CredentialHash who) {
        return holder.equals(who) || members.contains(who);
    }
}
