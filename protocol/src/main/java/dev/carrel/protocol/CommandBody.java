package dev.carrel.protocol;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** What a {@link Command} asks for: one record per {@link CommandName}. */
public sealed interface CommandBody {

    CommandName name();

    /** Switch a lamp; brightness (0-100) only for dimmable lamps. */
    record SetLamp(String endpointId, boolean on, Optional<Integer> brightness) implements CommandBody {
        public SetLamp {
            Check.localId("endpointId", endpointId);
            brightness = Check.optional("brightness", brightness);
            brightness.ifPresent(b -> Check.range("brightness", b, 0, 100));
        }

        @Override
        public CommandName name() {
            return CommandName.LAMP;
        }
    }

    record SetOutlet(String endpointId, boolean on) implements CommandBody {
        public SetOutlet {
            Check.localId("endpointId", endpointId);
        }

        @Override
        public CommandName name() {
            return CommandName.OUTLET;
        }
    }

    /** Open a gate for one pulse; the agent's interlock caps it whatever is asked. */
    record PulseGate(String gateId, int millis) implements CommandBody {
        public PulseGate {
            Check.localId("gateId", gateId);
            Check.range("millis", millis, 100, 10_000);
        }

        @Override
        public CommandName name() {
            return CommandName.GATE;
        }
    }

    /** Blink the agent's indicators so staff can find the device. */
    record Identify(int seconds) implements CommandBody {
        public Identify {
            Check.range("seconds", seconds, 1, 300);
        }

        @Override
        public CommandName name() {
            return CommandName.IDENTIFY;
        }
    }

    /** Re-read configuration. */
    record Reload() implements CommandBody {
        @Override
        public CommandName name() {
            return CommandName.RELOAD;
        }
    }

    /** Re-send state: birth, reported twin, and ask for a fresh allow-list snapshot. */
    record Sync() implements CommandBody {
        @Override
        public CommandName name() {
            return CommandName.SYNC;
        }
    }

    /**
     * A seat's session moved by the hub: a reservation, a check-in the hub verified (a phone scanning the
     * seat's QR), a cancellation, the release of whatever seat a patron holds because they left through
     * the gate (no seat id then), a long-term hold of the seat for one patron until {@code until} (issue 7's
     * exam-preparation seats; a RELEASE of the seat ends it), or a discussion room's seat reserved for its
     * whole group until {@code until} (RESERVE_GROUP: {@code holders} names every member's credential,
     * {@code patron}, the organiser's, among them; sent again with the new list when the group grows, and
     * ended by a RELEASE naming {@code patron}).
     *
     * <p>The group is a new action rather than a list on RESERVE: an agent that predates it ignores unknown
     * fields, so it would reserve the room for the organiser alone; an unknown action it refuses instead,
     * and the hub's command shows the failure.
     */
    record SeatAction(
            Action action,
            Optional<String> seatId,
            CredentialHash patron,
            Optional<Instant> graceUntil,
            Optional<Instant> until,
            Optional<List<CredentialHash>> holders)
            implements CommandBody {
        /** The most members a room's group may name: rooms hold a few people, and a command stays small. */
        public static final int MAX_HOLDERS = 20;

        public enum Action {
            RESERVE,
            CHECK_IN,
            RELEASE,
            RELEASE_PATRON,
            HOLD,
            RESERVE_GROUP
        }

        /** Any action but a hold or a group's reservation, which alone carry {@code until}. */
        public SeatAction(Action action, Optional<String> seatId, CredentialHash patron, Optional<Instant> graceUntil) {
            this(action, seatId, patron, graceUntil, Optional.empty(), Optional.empty());
        }

        /** Any action but a group's reservation, which alone carries {@code holders}. */
        public SeatAction(
                Action action,
                Optional<String> seatId,
                CredentialHash patron,
                Optional<Instant> graceUntil,
                Optional<Instant> until) {
            this(action, seatId, patron, graceUntil, until, Optional.empty());
        }

        /** A room's seat reserved for its group until {@code until}; the organiser's credential first. */
        public static SeatAction reserveGroup(String seatId, List<CredentialHash> holders, Instant until) {
            Check.present("holders", holders);
            if (holders.isEmpty()) {
                throw new InvalidFieldException("holders", "must name at least one member");
            }
            return new SeatAction(
                    Action.RESERVE_GROUP,
                    Optional.of(seatId),
                    holders.getFirst(),
                    Optional.empty(),
                    Optional.of(until),
                    Optional.of(holders));
        }

        public SeatAction {
            Check.present("action", action);
            seatId = Check.optional("seatId", seatId);
            seatId.ifPresent(id -> Check.localId("seatId", id));
            Check.present("patron", patron);
            graceUntil = Check.optional("graceUntil", graceUntil);
            if (action != Action.RELEASE_PATRON && seatId.isEmpty()) {
                throw new InvalidFieldException(
                        "seatId", "is required for " + action.name().toLowerCase(java.util.Locale.ROOT));
            }
            if ((action == Action.RESERVE) != graceUntil.isPresent()) {
                throw new InvalidFieldException("graceUntil", "is required for reserve and only for reserve");
            }
            until = Check.optional("until", until);
            boolean lasting = action == Action.HOLD || action == Action.RESERVE_GROUP;
            if (lasting != until.isPresent()) {
                throw new InvalidFieldException("until", "is required for hold and reserve_group, and only for them");
            }
            holders = Check.optional("holders", holders).map(list -> group(list, patron));
            if ((action == Action.RESERVE_GROUP) != holders.isPresent()) {
                throw new InvalidFieldException("holders", "is required for reserve_group and only for reserve_group");
            }
        }

        private static List<CredentialHash> group(List<CredentialHash> list, CredentialHash patron) {
            List<CredentialHash> members = Check.list("holders", list, MAX_HOLDERS);
            if (members.isEmpty()) {
                throw new InvalidFieldException("holders", "must name at least one member");
            }
            if (new HashSet<>(members).size() != members.size()) {
                throw new InvalidFieldException("holders", "names a credential more than once");
            }
            if (!members.contains(patron)) {
                throw new InvalidFieldException("holders", "must include the patron's credential");
            }
            return members;
        }

        @Override
        public CommandName name() {
            return CommandName.SEAT;
        }
    }
}
