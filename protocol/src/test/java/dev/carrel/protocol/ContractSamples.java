package dev.carrel.protocol;

import dev.carrel.protocol.EventBody.GateDecision.Decision;
import dev.carrel.protocol.EventBody.GateDecision.Reason;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One representative message of every shape in the contract, most with their optional fields present and some
 * again without, and the name of the schema in {@code docs/asyncapi.yaml} that each must match.
 */
final class ContractSamples {
    static final AgentId AGENT = AgentId.of("desk-12");
    static final Instant TS = Instant.parse("2025-03-01T09:15:30.123Z");
    static final CredentialHash CARD =
            new CredentialHash("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    static final CredentialHash REVOKED =
            new CredentialHash("60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752");

    private ContractSamples() {}

    static EventId id(int n) {
        return EventId.parse(String.format("0195521c-8b2a-7c3e-9d4f-%012x", n));
    }

    static List<Message> all() {
        return List.of(
                new Status.Birth(
                        42,
                        "0.1.0",
                        List.of(
                                new Endpoint("lamp-1", Endpoint.Kind.DIMMABLE_LAMP),
                                new Endpoint("seat-1-radar", Endpoint.Kind.PRESENCE_SENSOR)),
                        TS),
                new Status.Death(42),
                event(1, new EventBody.CredentialPresented("reader-1", CredentialKind.CARD_UID, CARD)),
                event(2, new EventBody.GateDecision("gate-north", CARD, Decision.DENY, Reason.SUSPENDED, sourceHub())),
                event(
                        3,
                        new EventBody.GatePassage("gate-north", EventBody.GatePassage.Direction.IN, Optional.of(CARD))),
                event(
                        4,
                        new EventBody.GatePassage("gate-north", EventBody.GatePassage.Direction.OUT, Optional.empty())),
                event(5, new EventBody.PresenceChanged("seat-1-radar", true, Optional.of(62))),
                event(6, new EventBody.PresenceChanged("seat-1-radar", false, Optional.empty())),
                event(
                        7,
                        new EventBody.SeatStateChanged(
                                "seat-1", SeatState.AWAY, SeatState.OCCUPIED, "presence_lost", Optional.of(CARD))),
                event(
                        16,
                        new EventBody.SeatViolation(
                                "seat-1",
                                CARD,
                                EventBody.SeatViolation.Kind.LEAVE_OVERRUN,
                                Optional.of(TS.minusSeconds(1800)))),
                event(8, new EventBody.LampState("lamp-1", true, 70)),
                event(9, new EventBody.OutletState("outlet-1", true, Optional.of(45.5), Optional.of(1204.25))),
                event(10, new EventBody.OutletState("outlet-2", false, Optional.empty(), Optional.empty())),
                event(
                        11,
                        new EventBody.Feedback(
                                "kiosk-exit",
                                EventBody.Feedback.Context.EXIT,
                                4,
                                Optional.of("Quiet"),
                                Optional.of(CARD))),
                event(
                        12,
                        new EventBody.Feedback(
                                "kiosk-1",
                                EventBody.Feedback.Context.SEAT_SESSION,
                                1,
                                Optional.empty(),
                                Optional.empty())),
                event(17, new EventBody.EventCheckIn("kiosk-hall", CredentialKind.QR_PASS, CARD)),
                event(
                        13,
                        new EventBody.Fault(
                                "reader-1",
                                "serial_lost",
                                EventBody.Fault.Severity.WARNING,
                                "No bytes for 30 s",
                                false)),
                new Telemetry(
                        TS,
                        86_400,
                        41_943_040,
                        268_435_456,
                        Optional.of(51.2),
                        3,
                        1,
                        Optional.of(73_000_000L),
                        Optional.of(4L)),
                new Telemetry(TS, 0, 0, 0, Optional.empty(), 0, 0),
                command(20, new CommandBody.SetLamp("lamp-1", true, Optional.of(40))),
                command(21, new CommandBody.SetLamp("lamp-2", false, Optional.empty())),
                command(22, new CommandBody.SetOutlet("outlet-1", false)),
                command(23, new CommandBody.PulseGate("gate-north", 1_500)),
                command(24, new CommandBody.Identify(30)),
                command(25, new CommandBody.Reload()),
                command(26, new CommandBody.Sync()),
                command(
                        27,
                        new CommandBody.SeatAction(
                                CommandBody.SeatAction.Action.RESERVE,
                                Optional.of("seat-1"),
                                CARD,
                                Optional.of(TS.plusSeconds(900)))),
                command(
                        28,
                        new CommandBody.SeatAction(
                                CommandBody.SeatAction.Action.RELEASE_PATRON,
                                Optional.empty(),
                                CARD,
                                Optional.empty())),
                command(
                        29,
                        new CommandBody.SeatAction(
                                CommandBody.SeatAction.Action.HOLD,
                                Optional.of("seat-1"),
                                CARD,
                                Optional.empty(),
                                Optional.of(TS.plus(java.time.Duration.ofDays(28))))),
                command(
                        30,
                        CommandBody.SeatAction.reserveGroup(
                                "room-a", List.of(CARD, REVOKED), TS.plus(java.time.Duration.ofHours(2)))),
                new CommandReply(id(20), CommandName.LAMP, CommandReply.Outcome.APPLIED, Optional.empty(), TS),
                new CommandReply(
                        id(23), CommandName.GATE, CommandReply.Outcome.REJECTED, Optional.of("interlock engaged"), TS),
                new TwinDesired(
                        17,
                        Map.of(
                                "awayGraceMinutes",
                                20,
                                "dimming",
                                0.75,
                                "openingHours",
                                Map.of("mon", "08:00-22:00"),
                                "lamps",
                                List.of(Map.of("id", "lamp-1", "dimmable", true))),
                        TS),
                new TwinReported(0, Map.of(), TS),
                new TwinReported(17, Map.of("awayGraceMinutes", 20), TS),
                new AuthorisationRequest("gate-north", CredentialKind.QR_PASS, CARD, TS),
                new AuthorisationResponse(CARD, Decision.ALLOW, Reason.HUB_ALLOWED, Optional.of("Zhang S."), 300),
                new AuthorisationResponse(CARD, Decision.DENY, Reason.UNKNOWN_CREDENTIAL, Optional.empty(), 0),
                new BookingRequest("kiosk-3f", CARD, "seat-12", Optional.empty(), 120, TS),
                new BookingRequest("kiosk-3f", CARD, "seat-12", Optional.of(TS.plusSeconds(3600)), 90, TS),
                BookingResponse.booked("0195521c-8b2a-7c3e-9d4f-1a2b3c4d5e60", "seat-12", TS, TS.plusSeconds(7200)),
                BookingResponse.bookedRoom(
                        "0195521c-8b2a-7c3e-9d4f-1a2b3c4d5e61", "room-a", TS, TS.plusSeconds(3600), "048213", 3),
                BookingResponse.refused("seat_taken", "the seat is already booked for that time; choose another"),
                BookingResponse.invalid("minutes", "must be between 1 and 1440"),
                new AllowlistDelta(
                        0,
                        120,
                        true,
                        List.of(
                                new AllowlistDelta.Entry(CARD, "p-7f3a", "Zhang S.", Optional.of(TS)),
                                new AllowlistDelta.Entry(REVOKED, "p-0001", "Li W.", Optional.empty())),
                        List.of()),
                new AllowlistDelta(
                        120,
                        121,
                        false,
                        List.of(new AllowlistDelta.Entry(CARD, "p-7f3a", "Zhang S.", Optional.empty())),
                        List.of()));
    }

    /** A delta that revokes a credential (its removals are strings, not objects: a past codec bug). */
    static AllowlistDelta revocation() {
        return new AllowlistDelta(121, 122, false, List.of(), List.of(REVOKED));
    }

    private static EventBody.GateDecision.Source sourceHub() {
        return EventBody.GateDecision.Source.HUB;
    }

    private static Event event(int n, EventBody body) {
        return new Event(id(n), 42, n, TS, body);
    }

    private static Command command(int n, CommandBody body) {
        return new Command(id(n), TS.plusSeconds(30), body);
    }

    /** The concrete record a sample stands for: its body's record for events and commands. */
    static Class<?> shape(Message message) {
        return switch (message) {
            case Event e -> e.body().getClass();
            case Command c -> c.body().getClass();
            default -> message.getClass();
        };
    }

    /** The schema under {@code components.schemas} that a sample's payload must match. */
    static String schemaName(Message message) {
        return switch (message) {
            case Status.Birth b -> "StatusBirth";
            case Status.Death d -> "StatusDeath";
            case Event e -> e.body().getClass().getSimpleName() + "Event";
            case Command c -> c.body().getClass().getSimpleName() + "Command";
            default -> message.getClass().getSimpleName();
        };
    }

    /**
     * Every concrete shape of the sealed {@link Message} family: sealed interfaces are expanded into their
     * permitted subclasses, and a record holding a sealed body ({@link Event}, {@link Command}) into the
     * records of that body.
     */
    static Set<Class<?>> shapes() {
        Set<Class<?>> out = new LinkedHashSet<>();
        collect(Message.class, out);
        return out;
    }

    private static void collect(Class<?> type, Set<Class<?>> out) {
        if (type.isSealed()) {
            for (Class<?> sub : type.getPermittedSubclasses()) {
                collect(sub, out);
            }
            return;
        }
        boolean expanded = false;
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                if (c.getType().isSealed()) {
                    collect(c.getType(), out);
                    expanded = true;
                }
            }
        }
        if (!expanded) {
            out.add(type);
        }
    }
}
