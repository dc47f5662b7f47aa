package dev.carrel.demo;

import dev.carrel.agent.AgentLayout;
import dev.carrel.agent.seats.SeatBinding;
import dev.carrel.agent.seats.SeatRules;
import dev.carrel.drivers.config.EndpointSpec;
import dev.carrel.protocol.Endpoint;
import java.util.List;
import java.util.Map;

/** An agent layout whose endpoints all run on the drivers' {@code fake-*} drivers: no hardware needed. */
public final class SimulatedLayout {
    private SimulatedLayout() {}

    public static AgentLayout of(List<Endpoint> endpoints, List<SeatBinding> seats, SeatRules rules) {
        return new AgentLayout(specs(endpoints), seats, rules);
    }

    public static List<EndpointSpec> specs(List<Endpoint> endpoints) {
        return endpoints.stream().map(SimulatedLayout::spec).toList();
    }

    public static AgentLayout of(List<Endpoint> endpoints) {
        return of(endpoints, List.of(), SeatRules.DEFAULTS);
    }

    private static EndpointSpec spec(Endpoint e) {
        return switch (e.kind()) {
            case LAMP -> new EndpointSpec(e.id(), "fake-lamp", Map.of());
            case DIMMABLE_LAMP -> new EndpointSpec(e.id(), "fake-lamp", Map.of("dimmable", "true"));
            case OUTLET -> new EndpointSpec(e.id(), "fake-outlet", Map.of());
            case PRESENCE_SENSOR -> new EndpointSpec(e.id(), "fake-presence", Map.of());
            case CREDENTIAL_READER -> new EndpointSpec(e.id(), "fake-reader", Map.of());
            case GATE -> new EndpointSpec(e.id(), "fake-gate", Map.of());
            case INDICATOR, KIOSK -> new EndpointSpec(e.id(), "fake-indicator", Map.of());
        };
    }
}
