package dev.carrel.hub.control;

import dev.carrel.hub.spaces.EndpointRef;
import dev.carrel.hub.spaces.SpaceModel;
import dev.carrel.hub.spaces.SpaceModel.Seat;
import dev.carrel.hub.spaces.SpaceModel.Zone;
import dev.carrel.protocol.InvalidFieldException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a control request switches: one seat, or every seat and fixture of a zone, floor or building. */
public record Target(Level level, String id) {

    public enum Level {
        SEAT,
        ZONE,
        FLOOR,
        BUILDING;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The lamps and outlets under a target. */
    public record Devices(List<EndpointRef> lamps, List<EndpointRef> outlets) {}

    /**
     * Finds the target's lamps and outlets in the model.
     *
     * @throws InvalidFieldException naming {@code target.<level>} when no such seat, zone, floor or building
     */
    public Devices resolve(SpaceModel model) {
        List<Zone> zones =
                switch (level) {
                    case SEAT -> List.of();
                    case ZONE -> model.zone(id).map(List::of).orElseThrow(this::unknown);
                    case FLOOR -> {
                        model.floor(id).orElseThrow(this::unknown);
                        yield model.zonesOn(id);
                    }
                    case BUILDING -> {
                        model.building(id).orElseThrow(this::unknown);
                        yield model.zonesIn(id);
                    }
                };
        List<Seat> seats = level == Level.SEAT
                ? List.of(model.seat(id).orElseThrow(this::unknown))
                : zones.stream().flatMap(z -> model.seatsIn(z.id()).stream()).toList();
        List<EndpointRef> lamps = new ArrayList<>();
        List<EndpointRef> outlets = new ArrayList<>();
        for (Seat s : seats) {
            s.lamp().ifPresent(lamps::add);
            s.outlet().ifPresent(outlets::add);
        }
        for (Zone z : zones) {
            lamps.addAll(z.fixtures().lamps());
            outlets.addAll(z.fixtures().outlets());
        }
        return new Devices(lamps, outlets);
    }

    private InvalidFieldException unknown() {
        return new InvalidFieldException("target." + level.wire(), "no " + level.wire() + " '" + id + "'");
    }
}
