package dev.carrel.agent;

import dev.carrel.agent.kiosk.KioskProfile;
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

    /**
     * A gate this agent drives: the entry readers it decides against the allow-list, its relay, indicator and
     * fallback, and exit readers that always open ({@code exitRelay}, or the entry relay when one door serves
     * both ways). No reader may be both.
     */
    public record GateSettings(
            String id,
            List<String> readers,
            String relay,
            String indicator,
            String fallback,
            Duration hubTimeout,
            List<String> exitReaders,
            Optional<String> exitRelay) {
        public GateSettings {
            readers = List.copyOf(readers);
            exitReaders = List.copyOf(exitReaders);
            for (String r : exitReaders) {
                if (readers.contains(r)) {
                    throw new IllegalArgumentException("configuration key 'gate.exit-readers' names '" + r
                            + "', which 'gate.readers' names too: a reader lets patrons in or out, not both");
                }
            }
        }

        /** A gate with entry readers only. */
        public GateSettings(
                String id, List<String> readers, String relay, String indicator, String fallback, Duration hubTimeout) {
            this(id, readers, relay, indicator, fallback, hubTimeout, List.of(), Optional.empty());
        }
    }

    /**
     * The local web server for the kiosk screen (loopback only unless configured otherwise), the kiosk's own
     * card reader (a tap there lets the touch screen act for that patron), and what the kiosk shows.
     */
    public record KioskSettings(String host, int port, Optional<String> reader, KioskProfile profile) {
        public KioskSettings(String host, int port) {
            this(host, port, Optional.empty(), KioskProfile.DEFAULT);
        }

        public KioskSettings {
            reader = java.util.Objects.requireNonNullElse(reader, Optional.empty());
            if (profile == null) {
                throw new IllegalArgumentException("configuration key 'kiosk' needs its profile");
            }
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
        checkKioskReader(endpoints, seats, kiosk, site, gate);
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
        named.addAll(gate.get().exitReaders());
        gate.get().exitRelay().ifPresent(named::add);
        for (String endpoint : named) {
            if (!ids.contains(endpoint)) {
                throw new IllegalArgumentException(
                        "configuration key 'gate' names endpoint '" + endpoint + "', which is not under 'endpoints'");
            }
        }
    }

    /** The kiosk's reader must exist, and be the kiosk's alone: a tap there must not also check in or open. */
    private static void checkKioskReader(
            List<EndpointSpec> endpoints,
            List<SeatBinding> seats,
            Optional<KioskSettings> kiosk,
            Optional<SiteSettings> site,
            Optional<GateSettings> gate) {
        Optional<String> reader = kiosk == null ? Optional.empty() : kiosk.flatMap(KioskSettings::reader);
        if (reader.isEmpty()) {
            return;
        }
        String id = reader.get();
        if (endpoints.stream().noneMatch(e -> e.id().equals(id))) {
            throw new IllegalArgumentException(
                    "configuration key 'kiosk.reader' names '" + id + "', which is not under 'endpoints'");
        }
        if (site == null || site.isEmpty()) {
            throw new IllegalArgumentException("configuration key 'kiosk.reader' needs the 'site' section:"
                    + " credentials are hashed with the site's secret");
        }
        boolean seatUses = seats.stream().anyMatch(s -> s.endpoints().contains(id));
        boolean gateUses =
                gate != null && gate.isPresent() && gate.get().readers().contains(id);
        if (seatUses || gateUses) {
            throw new IllegalArgumentException("configuration key 'kiosk.reader' names '" + id + "', which "
                    + (seatUses ? "a seat" : "the gate") + " already uses");
        }
    }
}
