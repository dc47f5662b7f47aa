package dev.carrel.hub.reservations;

import dev.carrel.hub.control.TrackedCommand;
import dev.carrel.hub.reservations.LongTermSeats.Hold;
import dev.carrel.protocol.CredentialHash;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Carries long-term holds to the seat's agent: {@code seat} HOLD (with the hold's {@code until}) when one
 * starts, RELEASE when the hub ends one early (quota missed, cancelled). The hold's id is the commands'
 * request id, so {@code GET /api/control/{holdId}} shows what the seat did with them.
 *
 * <p>A command expires, and an agent that was offline never sees it; so {@link #resend} (on every reservation
 * sweep) looks at each hold whose {@code until} is still ahead and, when its last command expired unanswered
 * or none was recorded, sends the one the hold's state asks for again: HOLD while it is active, RELEASE once
 * it ended. A command the agent answered, applied or failed, is not sent again (a refusal is for staff to
 * see). Past {@code until} nothing is sent: the agent ends the hold by itself then, and a late RELEASE would
 * end the holder's session in progress instead.
 */
final class HoldPush {
    private final Parts parts;

    HoldPush(Parts parts) {
        this.parts = parts;
    }

    /** Records the command the hold's state asks for; its publication (to run after the commit) into {@code after}. */
    void push(Connection c, Hold h, List<Runnable> after) throws SQLException {
        Optional<CredentialHash> holder = parts.holders.holderOf(h.patronId());
        if (parts.push.isEmpty() || holder.isEmpty()) {
            return;
        }
        Optional<Instant> until = h.state().equals("active") ? Optional.of(h.until()) : Optional.empty();
        parts.push
                .get()
                .recordHold(c, parts.spaces.current(), h.id(), h.seatId(), holder.get(), until)
                .ifPresent(sent -> after.add(sent.publish()));
    }

    /** Sends again what an agent missed, for every hold still ahead of its {@code until}. */
    void resend(Connection c, List<Hold> holds, Instant now, List<Runnable> after) throws SQLException {
        if (parts.push.isEmpty()) {
            return;
        }
        for (Hold h : holds) {
            if (!h.until().isAfter(now)) {
                continue;
            }
            Optional<TrackedCommand> last = parts.push.get().latest(c, h.id());
            if (last.isEmpty() && !h.state().equals("active")) {
                continue; // never reached the agent, so there is nothing there to release
            }
            boolean missed = last.isEmpty()
                    || last.get().state() == TrackedCommand.State.EXPIRED
                    || (last.get().state() == TrackedCommand.State.PENDING
                            && !last.get().expiresAt().isAfter(now));
            if (missed) {
                push(c, h, after);
            }
        }
    }
}
