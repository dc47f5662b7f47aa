package dev.carrel.agent.seats;

import dev.carrel.agent.seats.Deadline.Kind;
import dev.carrel.agent.seats.SeatResult.Code;
import dev.carrel.agent.seats.SeatResult.Done;
import dev.carrel.agent.seats.SeatResult.Refused;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.SeatState;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The seat sessions of one agent: {@code free → reserved → occupied ⇄ away → free} (DESIGN §5).
 *
 * <p>Check-in turns lamp and outlet on, release turns them off. Presence confirms a check-in; no presence
 * for a while starts a temporary leave by itself; a leave that runs out, or a no-show after the grace
 * period, releases the seat and records a violation with the sensor's evidence. Deadlines live in the
 * {@link SeatStore}, never in sleeping threads: {@link #tick()} applies those that are due, so a restart
 * resumes every one of them. Each change is saved before its effects happen. Thread-safe: one lock.
 *
 * <p>A long-term {@link Hold} from the hub keeps the seat {@code reserved} for its holder between sessions:
 * only the holder may check in, and when their session ends (check-out, gate exit, an overrun leave, closing
 * time) the seat is reserved for them again, not free. The holder's sessions count no violation (a hold has
 * no grace and no no-show; the weekly presence quota is the hub's business). At its {@code until} the seat
 * is free, and a release of the seat from the hub ends the hold at once.
 *
 * <p>A discussion room's seat reserved for its group ({@link #reserveGroup}) is such a hold admitting every
 * member: any member's card checks the room in, a second member's joins the session in it (nothing
 * changes), a stranger's is refused as reserved for someone else, and at {@code until} or the hub's release
 * the room is free, a member's session in it ended too.
 */
public final class SeatSessions {
    private final Map<String, SeatBinding> bindings = new LinkedHashMap<>();
    private final Map<String, Seat> seats = new LinkedHashMap<>();
    /** What each sensor says now; not persisted: after a restart the sensors report again. */
    private final Set<String> presentNow = new HashSet<>();

    private final SeatRules rules;
    private final SeatStore store;
    private final SeatEffects effects;
    private final Clock clock;

    public SeatSessions(
            List<SeatBinding> seatBindings, SeatRules rules, SeatStore store, SeatEffects effects, Clock clock) {
        this.rules = rules;
        this.store = store;
        this.effects = effects;
        this.clock = clock;
        seatBindings.forEach(b -> bindings.put(b.seatId(), b));
        bindings.keySet().forEach(id -> seats.put(id, Seat.free(id)));
        for (Seat saved : store.load()) {
            if (bindings.containsKey(saved.id())) {
                seats.put(saved.id(), saved);
            }
        }
    }

    /** Puts lamps and outlets where the restored sessions want them, then applies overdue deadlines. */
    public synchronized void resume() {
        seats.values().forEach(s -> effects.power(bindings.get(s.id()), holds(s.state())));
        tick();
    }

    public synchronized Collection<Seat> seats() {
        return List.copyOf(seats.values());
    }

    public synchronized Optional<Seat> seat(String id) {
        return Optional.ofNullable(seats.get(id));
    }

    /** A check-in at the seat (desk reader, kiosk) or from the hub (a reservation's or phone's check-in). */
    public synchronized SeatResult checkIn(String seatId, CredentialHash patron, String cause) {
        Seat seat = seats.get(seatId);
        if (seat == null) {
            return new Refused(Code.NO_SUCH_SEAT, "no seat " + seatId);
        }
        switch (seat.state()) {
            case OUT_OF_ORDER -> {
                return new Refused(Code.SEAT_OUT_OF_ORDER, "seat " + seatId + " is out of order");
            }
            case RESERVED, OCCUPIED, AWAY -> {
                if (!seat.heldBy(patron) && !seat.admits(patron)) {
                    return seat.state() == SeatState.RESERVED
                            ? new Refused(Code.SEAT_RESERVED, "seat is reserved for someone else")
                            : new Refused(Code.SEAT_TAKEN, "seat is taken");
                }
                if (seat.state() == SeatState.OCCUPIED && (seat.heldBy(patron) || seat.holderSession())) {
                    if (seat.heldBy(patron)) {
                        // The holder checks in again at their own seat: nothing changes here, but the hub hears
                        // it, as the answer to a peer report (docs/reservations.md) on a seat with no sensor.
                        change(seat, seat, cause);
                    }
                    // A room's second member at the door joins the group's session; it stays the first's.
                    return new Done(seat);
                }
                if (!seat.heldBy(patron) && !seat.waitingForHolder() && !groupHeld(seat)) {
                    return new Refused(Code.SEAT_TAKEN, "seat is taken");
                }
            }
            case FREE -> releaseOtherSeatOf(patron, seatId);
        }
        // A check-in holds the seat only with presence at it, where the seat can sense it (LIBRARY.md).
        boolean confirmed = !bindings.get(seatId).hasSensor() || presentNow.contains(seatId);
        Optional<Deadline> deadline = confirmed
                ? Optional.empty()
                : Optional.of(new Deadline(Kind.CONFIRM, clock.instant().plus(rules.checkInGrace())));
        Seat next = seat.heldBy(patron, SeatState.OCCUPIED, confirmed, deadline);
        change(seat, next, cause);
        return new Done(next);
    }

    /** A reservation from the hub: the seat waits for its patron until {@code graceUntil}. */
    public synchronized SeatResult reserve(String seatId, CredentialHash patron, Instant graceUntil) {
        Seat seat = seats.get(seatId);
        if (seat == null) {
            return new Refused(Code.NO_SUCH_SEAT, "no seat " + seatId);
        }
        if (seat.state() != SeatState.FREE) {
            return seat.heldBy(patron) ? new Done(seat) : new Refused(Code.SEAT_TAKEN, "seat is not free");
        }
        Seat next = seat.heldBy(patron, SeatState.RESERVED, false, Optional.of(new Deadline(Kind.CONFIRM, graceUntil)));
        change(seat, next, "reserved");
        return new Done(next);
    }

    /**
     * A long-term hold from the hub. A free seat becomes {@code reserved} for the holder now; a session
     * already in the seat goes on, and the hold takes over when it ends. Again for the same holder, it
     * moves {@code until}.
     */
    public synchronized SeatResult hold(String seatId, CredentialHash holder, Instant until) {
        return hold(seatId, new Hold(holder, until));
    }

    /**
     * A discussion room's seat reserved for its group until the booking's end: a hold whose holder is the
     * organiser ({@code members}' first) and which admits every member. Sent again for the same organiser,
     * it takes the new list and end (the group grew, the booking was extended). A stranger's session in the
     * room goes on until a member's card takes the room over.
     */
    public synchronized SeatResult reserveGroup(String seatId, List<CredentialHash> members, Instant until) {
        return hold(seatId, new Hold(members.getFirst(), until, members));
    }

    private SeatResult hold(String seatId, Hold hold) {
        CredentialHash holder = hold.holder();
        Instant until = hold.until();
        Seat seat = seats.get(seatId);
        if (seat == null) {
            return new Refused(Code.NO_SUCH_SEAT, "no seat " + seatId);
        }
        if (!until.isAfter(clock.instant())) {
            return new Refused(Code.NOT_YOUR_SEAT, "the hold ended at " + until);
        }
        if (seat.hold().filter(h -> !h.holder().equals(holder)).isPresent()) {
            return new Refused(Code.SEAT_TAKEN, "seat is held for someone else");
        }
        Seat held = seat.withHold(Optional.of(hold));
        if (seat.state() == SeatState.FREE) {
            change(seat, held.ended(), "held");
        } else {
            save(held);
        }
        return new Done(seats.get(seatId));
    }

    /**
     * The hub releases the seat: a booking's no-show, cancellation or end ({@link #checkOut}), or the end of
     * the patron's long-term hold or of the room's group reservation (named by its organiser), which frees
     * the seat at once, with the holder's or a member's session in it (a stranger's session goes on).
     */
    public synchronized SeatResult release(String seatId, CredentialHash patron) {
        Seat seat = seats.get(seatId);
        if (seat != null && seat.state() == SeatState.FREE && seat.hold().isEmpty()) {
            // Already free: the agent's own deadline (a no-show, a room's end) came first. What the hub asked
            // for is so, which is not a failure for staff to chase.
            return new Done(seat);
        }
        if (seat == null || seat.hold().filter(h -> h.holder().equals(patron)).isEmpty()) {
            return checkOut(seatId, patron);
        }
        if (seat.holderSession()) {
            change(seat, seat.released(), "hold_released");
        } else {
            save(seat.withHold(Optional.empty()));
        }
        return new Done(seats.get(seatId));
    }

    /** A temporary leave asked for at the kiosk; one per session by default. */
    public synchronized SeatResult leave(String seatId, CredentialHash patron) {
        Seat seat = seats.get(seatId);
        if (seat == null || seat.state() != SeatState.OCCUPIED || !seat.heldBy(patron)) {
            return new Refused(Code.NOT_YOUR_SEAT, "you do not hold this seat");
        }
        if (seat.leavesUsed() >= rules.maxLeaves()) {
            return new Refused(Code.NO_LEAVE_LEFT, "no temporary leave left for this session");
        }
        Seat next = seat.onLeave(new Deadline(Kind.LEAVE, clock.instant().plus(rules.leaveLength())));
        change(seat, next, "leave");
        return new Done(next);
    }

    public synchronized SeatResult checkOut(String seatId, CredentialHash patron) {
        Seat seat = seats.get(seatId);
        if (seat == null || seat.state() == SeatState.FREE || !seat.heldBy(patron)) {
            return new Refused(Code.NOT_YOUR_SEAT, "you do not hold this seat");
        }
        if (seat.waitingForHolder()) {
            return new Done(seat);
        }
        Seat next = seat.ended();
        change(seat, next, "check_out");
        return new Done(next);
    }

    /** Leaving through the gate releases the patron's seat (DESIGN §5). */
    public synchronized void gateExit(CredentialHash patron) {
        releaseOtherSeatOf(patron, "");
    }

    /** The seat's sensor changed. */
    public synchronized void presence(String seatId, boolean present) {
        Seat seat = seats.get(seatId);
        if (seat == null) {
            return;
        }
        Instant now = clock.instant();
        SeatBinding binding = bindings.get(seatId);
        if (present) {
            presentNow.add(seatId);
        } else {
            presentNow.remove(seatId);
        }
        Seat seen = present ? seat.seen(now) : seat;
        switch (seat.state()) {
            case FREE, RESERVED, OUT_OF_ORDER -> {
                effects.attention(binding, present && seat.state() != SeatState.OUT_OF_ORDER);
                if (present) {
                    save(seen);
                }
            }
            case OCCUPIED -> {
                if (present) {
                    save(seen.confirmedNow().with(SeatState.OCCUPIED, Optional.empty()));
                } else if (seat.confirmed() && seat.deadline().isEmpty()) {
                    save(seat.with(
                            SeatState.OCCUPIED,
                            Optional.of(new Deadline(Kind.ABSENCE, now.plus(rules.absenceBeforeLeave())))));
                }
            }
            case AWAY -> {
                if (present) {
                    change(seat, seen.with(SeatState.OCCUPIED, Optional.empty()), "returned");
                }
            }
        }
    }

    /** Applies every deadline that is due; call it every second or so, and once after a restart. */
    public synchronized void tick() {
        Instant now = clock.instant();
        for (Seat seat : List.copyOf(seats.values())) {
            Optional<Deadline> due = seat.deadline().filter(d -> d.dueBy(now));
            if (due.isEmpty()) {
                continue;
            }
            switch (due.get().kind()) {
                case CONFIRM -> violation(seat, EventBody.SeatViolation.Kind.NO_SHOW, "no_show");
                case LEAVE -> violation(seat, EventBody.SeatViolation.Kind.LEAVE_OVERRUN, "leave_expired");
                case ABSENCE ->
                    change(
                            seat,
                            seat.with(
                                    SeatState.AWAY,
                                    Optional.of(new Deadline(
                                            Kind.LEAVE, due.get().due().plus(rules.leaveLength())))),
                            "absence");
            }
        }
        endHolds(now);
    }

    /**
     * Holds whose time is over: a seat waiting for its holder is free; a session in it goes on without one,
     * except a room group's, whose booking is over (the next group may have the room).
     */
    private void endHolds(Instant now) {
        for (Seat seat : List.copyOf(seats.values())) {
            Optional<Hold> over = seat.hold().filter(h -> h.overBy(now));
            if (over.isEmpty()) {
                continue;
            }
            if (seat.waitingForHolder() || (over.get().group() && seat.holderSession())) {
                change(seat, seat.released(), "hold_ended");
            } else {
                save(seat.withHold(Optional.empty()));
            }
        }
    }

    /** Closing time: a warning blink now; {@link #closeAll()} releases everything at the closing moment. */
    public synchronized void warnClosing() {
        seats.values().stream().filter(s -> holds(s.state())).forEach(s -> effects.warn(bindings.get(s.id())));
    }

    public synchronized void closeAll() {
        for (Seat seat : List.copyOf(seats.values())) {
            if (seat.state() != SeatState.FREE && seat.state() != SeatState.OUT_OF_ORDER && !seat.waitingForHolder()) {
                change(seat, seat.ended(), "closing");
            }
            effects.power(bindings.get(seat.id()), false);
        }
    }

    /**
     * A room's member checks in whoever sits there: back from the group's break, or taking the room from a
     * stranger's session from before the booking (the room is the group's now). A long-term holder waits
     * for a stranger's session to end instead.
     */
    private static boolean groupHeld(Seat seat) {
        return seat.hold().map(Hold::group).orElse(false);
    }

    private void violation(Seat seat, EventBody.SeatViolation.Kind kind, String cause) {
        CredentialHash holder = seat.patron().orElseThrow();
        change(seat, seat.ended(), cause);
        if (!seat.holderSession()) {
            effects.publish(new EventBody.SeatViolation(seat.id(), holder, kind, seat.lastPresence()));
        }
    }

    private void releaseOtherSeatOf(CredentialHash patron, String exceptSeat) {
        for (Seat other : List.copyOf(seats.values())) {
            if (!other.id().equals(exceptSeat)
                    && other.heldBy(patron)
                    && other.state() != SeatState.FREE
                    && !other.waitingForHolder()) {
                change(other, other.ended(), exceptSeat.isEmpty() ? "gate_exit" : "moved");
            }
        }
    }

    private void change(Seat before, Seat after, String cause) {
        save(after);
        SeatBinding binding = bindings.get(after.id());
        if (holds(before.state()) != holds(after.state())) {
            effects.power(binding, holds(after.state()));
        }
        if (after.state() == SeatState.OCCUPIED) {
            effects.attention(binding, false);
        }
        effects.publish(new EventBody.SeatStateChanged(
                after.id(), after.state(), before.state(), cause, after.patron().or(before::patron)));
    }

    private void save(Seat seat) {
        store.save(seat);
        seats.put(seat.id(), seat);
    }

    /** Lamp and outlet are on while someone holds the seat in person (occupied or briefly away). */
    private static boolean holds(SeatState state) {
        return state == SeatState.OCCUPIED || state == SeatState.AWAY;
    }
}
