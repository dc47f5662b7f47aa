package dev.carrel.demo;

import dev.carrel.agent.AgentLayout;
import dev.carrel.agent.seats.SeatBinding;
import dev.carrel.agent.seats.SeatRules;
import dev.carrel.protocol.Endpoint;
import dev.carrel.protocol.Endpoint.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The demo's library: one gate, one reading room of 24 desks, one discussion room. */
final class DemoLibrary {
    static final String GATE = "gate-1";
    static final String READING_ROOM = "reading-room-1";
    static final String DISCUSSION_ROOM = "discussion-room-1";
    static final int DESKS = 24;

    private DemoLibrary() {}

    static List<String> agents() {
        return List.of(GATE, READING_ROOM, DISCUSSION_ROOM);
    }

    static List<Endpoint> endpoints(String agent) {
        return switch (agent) {
            case GATE ->
                List.of(
                        new Endpoint("gate-1-reader", Kind.CREDENTIAL_READER),
                        new Endpoint("gate-1-face", Kind.CREDENTIAL_READER),
                        new Endpoint("gate-1-qr", Kind.CREDENTIAL_READER),
                        new Endpoint("gate-1-exit-reader", Kind.CREDENTIAL_READER),
                        new Endpoint("gate-1", Kind.GATE),
                        new Endpoint("gate-1-indicator", Kind.INDICATOR),
                        new Endpoint("gate-1-kiosk", Kind.KIOSK));
            case READING_ROOM -> desks();
            case DISCUSSION_ROOM ->
                List.of(
                        new Endpoint("room-a-door", Kind.CREDENTIAL_READER),
                        new Endpoint("room-a-lamp", Kind.DIMMABLE_LAMP),
                        new Endpoint("room-a-outlet", Kind.OUTLET),
                        new Endpoint("room-a-presence", Kind.PRESENCE_SENSOR),
                        new Endpoint("room-a-kiosk", Kind.KIOSK));
            default -> throw new IllegalArgumentException("no demo agent " + agent);
        };
    }

    private static List<Endpoint> desks() {
        List<Endpoint> out = new ArrayList<>();
        for (int d = 1; d <= DESKS; d++) {
            String desk = desk(d);
            out.add(new Endpoint(desk + "-lamp", Kind.DIMMABLE_LAMP));
            out.add(new Endpoint(desk + "-outlet", Kind.OUTLET));
            out.add(new Endpoint(desk + "-presence", Kind.PRESENCE_SENSOR));
        }
        return out;
    }

    /**
     * The agent's layout on simulated drivers: the reading room's desks and the room are seats; the gate
     * decides its three entry readers with the site's secret, and lets out whoever taps its exit reader
     * through the same turnstile. Unknown credentials are let in when the hub does not
     * answer (the patrons issue brings the hub's answers and allow-lists), so the demo's patrons get in.
     */
    static AgentLayout layout(String agent, AgentLayout.SiteSettings site) {
        Optional<AgentLayout.GateSettings> gate = agent.equals(GATE)
                ? Optional.of(new AgentLayout.GateSettings(
                        "gate-1",
                        List.of("gate-1-reader", "gate-1-face", "gate-1-qr"),
                        "gate-1",
                        "gate-1-indicator",
                        "allow",
                        Duration.ofMillis(300),
                        List.of("gate-1-exit-reader"),
                        Optional.empty()))
                : Optional.empty();
        // Demo minutes are short so leaves and no-shows happen while someone watches.
        SeatRules rules = new SeatRules(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(1), 1);
        return new AgentLayout(
                SimulatedLayout.specs(endpoints(agent)),
                seats(agent),
                rules,
                Optional.empty(),
                Optional.of(site),
                gate);
    }

    private static List<SeatBinding> seats(String agent) {
        List<SeatBinding> seats = new ArrayList<>();
        if (agent.equals(READING_ROOM)) {
            for (int d = 1; d <= DESKS; d++) {
                String desk = desk(d);
                seats.add(new SeatBinding(
                        desk,
                        Optional.of(desk + "-lamp"),
                        Optional.of(desk + "-outlet"),
                        Optional.of(desk + "-presence"),
                        Optional.empty(),
                        Optional.empty()));
            }
        } else if (agent.equals(DISCUSSION_ROOM)) {
            seats.add(new SeatBinding(
                    "room-a",
                    Optional.of("room-a-lamp"),
                    Optional.of("room-a-outlet"),
                    Optional.of("room-a-presence"),
                    Optional.of("room-a-door"),
                    Optional.empty()));
        }
        return seats;
    }

    static String desk(int number) {
        return String.format("desk-%02d", number);
    }
}
