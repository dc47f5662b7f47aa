package dev.carrel.protocol;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The event types; {@link #wire()} is the {@code type} field and the last level of {@code events/{type}}. */
public enum EventType {
    CREDENTIAL_PRESENTED(EventBody.CredentialPresented.class),
    GATE_DECISION(EventBody.GateDecision.class),
    GATE_PASSAGE(EventBody.GatePassage.class),
    PRESENCE_CHANGED(EventBody.PresenceChanged.class),
    SEAT_STATE_CHANGED(EventBody.SeatStateChanged.class),
    SEAT_VIOLATION(EventBody.SeatViolation.class),
    LAMP_STATE(EventBody.LampState.class),
    OUTLET_STATE(EventBody.OutletState.class),
    FEEDBACK(EventBody.Feedback.class),
    EVENT_CHECK_IN(EventBody.EventCheckIn.class),
    FAULT(EventBody.Fault.class);

    private final Class<? extends EventBody> bodyClass;

    EventType(Class<? extends EventBody> bodyClass) {
        this.bodyClass = bodyClass;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Class<? extends EventBody> bodyClass() {
        return bodyClass;
    }

    public static Optional<EventType> fromWire(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire().equals(wire)).findFirst();
    }
}
