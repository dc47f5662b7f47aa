package dev.carrel.hub.analytics;

import dev.carrel.hub.spaces.EndpointRef;
import dev.carrel.hub.spaces.SpaceModel;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where events happened, from the space model: an agent's seat is a model seat in a zone of a building, an
 * agent's gate belongs to a building, an outlet to a zone. Events name seats and gates by the agent's local id
 * (DESIGN §4), so every key here is {@code agentId/localId}. Built once per rollup run.
 */
final class Places {
    /** A seat as analytics sees it. */
    record SeatPlace(
            String seatId,
            String zoneId,
            String buildingId,
            Optional<EndpointRef> sensor,
            Optional<EndpointRef> outlet) {}

    private final SpaceModel model;
    private final ZoneId zone;
    private final Map<String, SeatPlace> seats = new HashMap<>();
    private final Map<String, SeatPlace> seatsById = new HashMap<>();
    private final Map<String, String> gates = new HashMap<>();
    private final Map<String, String> outletZones = new HashMap<>();
    private final Map<String, Integer> seatsPerZone = new HashMap<>();

    Places(SpaceModel model, Optional<ZoneId> configured) {
        this.model = model;
        this.zone = configured.orElseGet(() -> model.sites().stream()
                .findFirst()
                .map(SpaceModel.Site::timezone)
                .orElse(ZoneId.of("UTC")));
        for (SpaceModel.Seat s : model.seats()) {
            String building = model.zone(s.zoneId())
                    .flatMap(model::buildingOf)
                    .map(SpaceModel.Building::id)
                    .orElse("");
            SeatPlace place = new SeatPlace(s.id(), s.zoneId(), building, s.sensor(), s.outlet());
            s.endpoints().forEach(r -> seats.put(r.agent().value() + "/" + s.id(), place));
            seatsById.put(s.id(), place);
            s.outlet().ifPresent(o -> outletZones.put(o.toString(), s.zoneId()));
            seatsPerZone.merge(s.zoneId(), 1, Integer::sum);
        }
        for (SpaceModel.Zone z : model.zones()) {
            z.fixtures().outlets().forEach(o -> outletZones.putIfAbsent(o.toString(), z.id()));
        }
        for (SpaceModel.Gate g : model.gates()) {
            g.gate().ifPresent(r -> {
                gates.put(r.agent().value() + "/" + g.id(), g.buildingId());
                gates.put(r.toString(), g.buildingId());
            });
            g.readers().forEach(r -> gates.putIfAbsent(r.agent().value() + "/" + g.id(), g.buildingId()));
        }
    }

    ZoneId timezone() {
        return zone;
    }

    Optional<SeatPlace> seat(String agent, String seatId) {
        return Optional.ofNullable(seats.get(agent + "/" + seatId));
    }

    /** A seat by its id in the model, as the hub's own tables name it (bookings, violations). */
    Optional<SeatPlace> seat(String seatId) {
        return Optional.ofNullable(seatsById.get(seatId));
    }

    /** The building of an agent's gate; the only building when there is one; '' when unknown. */
    String gateBuilding(String agent, String gateId) {
        String b = gates.get(agent + "/" + gateId);
        if (b != null) {
            return b;
        }
        return model.buildings().size() == 1 ? model.buildings().getFirst().id() : "";
    }

    Optional<String> outletZone(String agent, String endpointId) {
        return Optional.ofNullable(outletZones.get(agent + "/" + endpointId));
    }

    int seatsIn(String zoneId) {
        return seatsPerZone.getOrDefault(zoneId, 0);
    }

    List<SpaceModel.Zone> zones() {
        return model.zones();
    }

    String buildingOfZone(String zoneId) {
        return model.zone(zoneId)
                .flatMap(model::buildingOf)
                .map(SpaceModel.Building::id)
                .orElse("");
    }

    SpaceModel model() {
        return model;
    }
}
