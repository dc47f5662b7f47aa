package dev.carrel.agent;

import dev.carrel.agent.seats.SeatBinding;
import dev.carrel.agent.seats.SeatRules;
import dev.carrel.drivers.config.EndpointSpec;
import java.nio.file.Path;
import java.time.Duration;
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
        List<EndpointSpec> endpoints,
        List<SeatBinding> seats,
        SeatRules rules,
        Optional<KioskSettings> kiosk,
        Optional<SiteSettings> site,
        Optional<GateSettings> gate) {

    public static final AgentLayout EMPTY = new AgentLayout(List.of(), List.of(), SeatRules.DEFAULTS);

    /**
     * The site this agent belongs to: its id (mobile passes name it), the HMAC secret every credential is
     * hashed with, and the hub's public keys for mobile passes (base64 X.509, two during a rotation).
     */
    public record SiteSettings(String id, Path secretFile, List<String> passKeys) {
        public SiteSettings {
            passKeys = List.copyOf(passKeys);
        }
    }

    /** A gate this agent drives: the readers it decides, its relay and indicator, and its fallback. */
    public record GateSettings(
            String id, List<String> readers, String relay, String indicator, String fallback, Duration hubTimeout) {
        public GateSettings {
            readers = List.copyOf(readers);
        }
    }

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
        this(endpoints, seats, rules, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public AgentLayout withKiosk(KioskSettings settings) {
        return new AgentLayout(endpoints, seats, rules, Optional.of(settings), site, gate);
    }

    public AgentLayout withAccess(SiteSettings siteSettings, Optional<GateSettings> gateSettings) {
        return new AgentLayout(endpoints, seats, rules, kiosk, Optional.of(siteSettings), gateSettings);
    }

    public AgentLayout {
        checkGate(endpoints, gate, site);
        kiosk = java.util.Objects.requireNonNullElse(kiosk, Optional.empty());
        site = java.util.Objects.requireNonNullElse(site, Optional.empty());
        gate = java.util.Objects.requireNonNullElse(gate, Optional.empty());
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
                if (seat.reader().isPresent() && site.isEmpty()) {
                    throw new IllegalArgumentException("configuration key 'seats." + seat.seatId()
                            + ".reader' needs the 'site' section: credentials are hashed with the site's secret");
                }
                if (other != null) {
                    throw new IllegalArgumentException("configuration key 'seats." + seat.seatId()
                            + "' is bound to endpoint '" + endpoint + "', which seat '" + other + "' already uses");
                }
            }
        }
    }

    private static void checkGate(
            List<EndpointSpec> endpoints, Optional<GateSettings> gate, Optional<SiteSettings> site) {
        if (gate.isEmpty()) {
            return;
        }
        if (site.isEmpty()) {
            throw new IllegalArgumentException(
                    "configuration key 'gate' needs the 'site' section (secret and pass keys)");
        }
        Set<String> ids = new HashSet<>();
        endpoints.forEach(e -> ids.add(e.id()));
        List<String> named = new java.util.ArrayList<>(gate.get().readers());
        named.add(gate.get().relay());
        named.add(gate.get().indicator());
        for (String endpoint : named) {
            if (!ids.contains(endpoint)) {
                throw new IllegalArgumentException(
                        "configuration key 'gate' names endpoint '" + endpoint + "', which is not under 'endpoints'");
            }
        }
    }
}
