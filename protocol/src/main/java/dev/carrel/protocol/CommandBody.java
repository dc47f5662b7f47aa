package dev.carrel.protocol;

import java.time.Instant;
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
     * the gate (no seat id then), or a long-term hold of the seat for one patron until {@code until}
     * (issue 7's exam-preparation seats; a RELEASE of the seat ends it).
     */
    record SeatAction(
            Action action,
            Optional<String> seatId,
            CredentialHash patron,
            Optional<Instant> graceUntil,
            Optional<Instant> until)
            implements CommandBody {
        public enum Action {
            RESERVE,
            CHECK_IN,
            RELEASE,
            RELEASE_PATRON,
            HOLD
        }

        /** Any action but a hold, which alone carries {@code until}. */
        public SeatAction(Action action, Optional<String> seatId, CredentialHash patron, Optional<Instant> graceUntil) {
            this(action, seatId, patron, graceUntil, Optional.empty());
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
            if ((action == Action.HOLD) != until.isPresent()) {
                throw new InvalidFieldException("until", "is required for hold and only for hold");
            }
        }

        @Override
        public CommandName name() {
            return CommandName.SEAT;
        }
    }
}
