package dev.carrel.protocol;

import java.time.Instant;
import java.util.Optional;

/** The typed part of an {@link Event}: one record per {@link EventType}. */
public sealed interface EventBody {

    EventType type();

    /** A reader yielded a credential (already hashed at the edge). */
    record CredentialPresented(String readerId, CredentialKind kind, CredentialHash credential) implements EventBody {
        public CredentialPresented {
            Check.localId("readerId", readerId);
            Check.present("kind", kind);
            Check.present("credential", credential);
        }

        @Override
        public EventType type() {
            return EventType.CREDENTIAL_PRESENTED;
        }
    }

    /** What the gate decided for a credential, why, and who decided. */
    record GateDecision(String gateId, CredentialHash credential, Decision decision, Reason reason, Source source)
            implements EventBody {
        public enum Decision {
            ALLOW,
            DENY
        }

        public enum Reason {
            ALLOW_LISTED,
            PASS_VALID,
            HUB_ALLOWED,
            FALLBACK_ALLOWED,
            UNKNOWN_CREDENTIAL,
            SUSPENDED,
            EXPIRED,
            PASS_INVALID,
            PASS_EXPIRED,
            PASS_REPLAYED,
            HUB_DENIED,
            FALLBACK_DENIED,
            CLOSED
        }

        public enum Source {
            LOCAL,
            HUB,
            FALLBACK
        }

        public GateDecision {
            Check.localId("gateId", gateId);
            Check.present("credential", credential);
            Check.present("decision", decision);
            Check.present("reason", reason);
            Check.present("source", source);
        }

        @Override
        public EventType type() {
            return EventType.GATE_DECISION;
        }
    }

    /** Someone passed the gate; the credential is absent for a free exit. */
    record GatePassage(String gateId, Direction direction, Optional<CredentialHash> credential) implements EventBody {
        public enum Direction {
            IN,
            OUT
        }

        public GatePassage {
            Check.localId("gateId", gateId);
            Check.present("direction", direction);
            credential = Check.optional("credential", credential);
        }

        @Override
        public EventType type() {
            return EventType.GATE_PASSAGE;
        }
    }

    /** A presence sensor's debounced state changed. */
    record PresenceChanged(String sensorId, boolean present, Optional<Integer> distanceCm) implements EventBody {
        public PresenceChanged {
            Check.localId("sensorId", sensorId);
            distanceCm = Check.optional("distanceCm", distanceCm);
            distanceCm.ifPresent(d -> Check.range("distanceCm", d, 0, 2_000));
        }

        @Override
        public EventType type() {
            return EventType.PRESENCE_CHANGED;
        }
    }

    /**
     * A seat moved through its session: {@code free → reserved → occupied ⇄ away → free} (DESIGN §5). The
     * patron is the pseudonymous credential hash of whoever holds the seat, absent when nobody does.
     */
    record SeatStateChanged(
            String seatId, SeatState state, SeatState previous, String cause, Optional<CredentialHash> patron)
            implements EventBody {
        public SeatStateChanged {
            Check.localId("seatId", seatId);
            Check.present("state", state);
            Check.present("previous", previous);
            Check.text("cause", cause, 64);
            patron = Check.optional("patron", patron);
        }

        @Override
        public EventType type() {
            return EventType.SEAT_STATE_CHANGED;
        }
    }

    /**
     * A seat released against its holder: a no-show after the grace period, or a temporary leave that ran
     * out. {@code lastPresence} is the sensor's evidence (absent when the seat has no sensor or never saw
     * anyone), kept for appeals (LIBRARY.md).
     */
    record SeatViolation(String seatId, CredentialHash patron, Kind kind, Optional<Instant> lastPresence)
            implements EventBody {
        public enum Kind {
            NO_SHOW,
            LEAVE_OVERRUN
        }

        public SeatViolation {
            Check.localId("seatId", seatId);
            Check.present("patron", patron);
            Check.present("kind", kind);
            lastPresence = Check.optional("lastPresence", lastPresence);
        }

        @Override
        public EventType type() {
            return EventType.SEAT_VIOLATION;
        }
    }

    /** A lamp's real state as the driver reports it; brightness is 100 for an on/off lamp that is on. */
    record LampState(String endpointId, boolean on, int brightness) implements EventBody {
        public LampState {
            Check.localId("endpointId", endpointId);
            Check.range("brightness", brightness, 0, 100);
        }

        @Override
        public EventType type() {
            return EventType.LAMP_STATE;
        }
    }

    /** An outlet's real state, with power and energy where the plug measures them. */
    record OutletState(String endpointId, boolean on, Optional<Double> powerW, Optional<Double> energyWh)
            implements EventBody {
        public OutletState {
            Check.localId("endpointId", endpointId);
            powerW = Check.optional("powerW", powerW);
            energyWh = Check.optional("energyWh", energyWh);
            powerW.ifPresent(p -> Check.range("powerW", p, 0.0, 10_000.0));
            energyWh.ifPresent(e -> Check.range("energyWh", e, 0.0, 1e12));
        }

        @Override
        public EventType type() {
            return EventType.OUTLET_STATE;
        }
    }

    /**
     * A one-tap satisfaction score (1-5) from a kiosk, with an optional comment. {@code patron} is the
     * pseudonymous credential hash of the patron the kiosk just served (a check-out at the kiosk, a card tapped
     * on its reader), when it knows one: the hub turns it into the patron's group and college and keeps neither
     * the hash nor the patron with the comment (docs/engagement.md, "Feedback").
     */
    record Feedback(
            String kioskId, Context context, int score, Optional<String> comment, Optional<CredentialHash> patron)
            implements EventBody {
        public enum Context {
            EXIT,
            SEAT_SESSION,
            ROOM_SESSION
        }

        public Feedback {
            Check.localId("kioskId", kioskId);
            Check.present("context", context);
            Check.range("score", score, 1, 5);
            comment = Check.optional("comment", comment);
            comment.ifPresent(c -> Check.text("comment", c, 500));
            patron = Check.optional("patron", patron);
        }

        @Override
        public EventType type() {
            return EventType.FEEDBACK;
        }
    }

    /**
     * A patron presented a card or mobile pass at a kiosk in {@code event} mode, to check in at a library event
     * (docs/engagement.md). The credential is hashed as a gate hashes it: a pass by its patron pseudonym. The
     * hub records attendance for the event open for check-in where the patron holds a place.
     */
    record EventCheckIn(String kioskId, CredentialKind kind, CredentialHash credential) implements EventBody {
        public EventCheckIn {
            Check.localId("kioskId", kioskId);
            Check.present("kind", kind);
            Check.present("credential", credential);
        }

        @Override
        public EventType type() {
            return EventType.EVENT_CHECK_IN;
        }
    }

    /** A device fault raised or cleared. */
    record Fault(String endpointId, String code, Severity severity, String message, boolean cleared)
            implements EventBody {
        public enum Severity {
            INFO,
            WARNING,
            CRITICAL
        }

        public Fault {
            Check.localId("endpointId", endpointId);
            Check.localId("code", code);
            Check.present("severity", severity);
            Check.text("message", message, 500);
        }

        @Override
        public EventType type() {
            return EventType.FAULT;
        }
    }
}
