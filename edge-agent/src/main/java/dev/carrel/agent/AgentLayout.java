package dev.carrel.agent;

import dev.carrel.agent.seats.SeatBinding;
import dev.carrel.agent.seats.SeatRules;
import dev.carrel.drivers.config.EndpointSpec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an agent drives: its endpoints (each with a driver and settings), its seats bound to those
 * endpoints, and the seat rules. Validated as a whole, so a seat bound to a missing endpoint is an error
 * naming both.
 */
public record AgentLayout(
        List<EndpointSpec> endpoints, List<SeatBinding> seats, SeatRules rules, Optional<KioskSettings> kiosk) {

    public static final AgentLayout EMPTY = new AgentLayout(List.of(), List.of(), SeatRules.DEFAULTS, Optional.empty());

    /** The local web server for the kiosk screen; loopback only unless configured otherwise. */
    public record KioskSettings(String host, int port) {
        public KioskSettings {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("configuration key 'kiosk.host' must not be blank");
            }
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("configuration key 'kiosk.port' must be 0-65535, not " + port);
            }
        }
    }

    public AgentLayout(List<EndpointSpec> endpoints, List<SeatBinding> seats, SeatRules rules) {
        this(endpoints, seats, rules, Optional.empty());
    }

    public AgentLayout withKiosk(KioskSettings settings) {
        return new AgentLayout(endpoints, seats, rules, Optional.of(settings));
    }

    public AgentLayout {
        kiosk = java.util.Objects.requireNonNullElse(kiosk, Optional.empty());
        endpoints = List.copyOf(endpoints);
        seats = List.copyOf(seats);
        Set<String> ids = new HashSet<>();
        for (EndpointSpec e : endpoints) {
            if (!ids.add(e.id())) {
                throw new IllegalArgumentException("configuration key 'endpoints." + e.id() + "' appears twice");
            }
        }
        Map<String, String> usedBy = new HashMap<>();
        Set<String> seatIds = new HashSet<>();
        for (SeatBinding seat : seats) {
            if (!seatIds.add(seat.seatId())) {
                throw new IllegalArgumentException("configuration key 'seats." + seat.seatId() + "' appears twice");
            }
            for (String endpoint : seat.endpoints()) {
                if (!ids.contains(endpoint)) {
                    throw new IllegalArgumentException("configuration key 'seats." + seat.seatId()
                            + "' is bound to endpoint '" + endpoint + "', which is not under 'endpoints'");
                }
                String other = usedBy.putIfAbsent(endpoint, seat.seatId());
                if (other != null) {
                    throw new IllegalArgumentException("configuration key 'seats." + seat.seatId()
                            + "' is bound to endpoint '" + endpoint + "', which seat '" + other + "' already uses");
                }
            }
        }
    }
}
