package dev.carrel.hub.spaces;

import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Endpoint;
import dev.carrel.protocol.InvalidFieldException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The library as a tree, {@code site → building → floor → zone → seat}, with gates on buildings, rooms as
 * bookable zones, and the agents' declared endpoints (DESIGN §2). Immutable: an edit makes a new model,
 * which {@link SpaceValidator} checks before anything is stored. Parents are referenced by id, as they are
 * stored, so one seat can change without rebuilding the tree.
 */
public record SpaceModel(
        List<Site> sites,
        List<Building> buildings,
        List<Floor> floors,
        List<Zone> zones,
        List<Seat> seats,
        List<Gate> gates,
        Map<AgentId, List<Endpoint>> agents) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    public SpaceModel {
        sites = List.copyOf(sites);
        buildings = List.copyOf(buildings);
        floors = List.copyOf(floors);
        zones = List.copyOf(zones);
        seats = List.copyOf(seats);
        gates = List.copyOf(gates);
        agents = java.util.Collections.unmodifiableMap(new TreeMap<>(agents));
    }

    public static SpaceModel empty() {
        return new SpaceModel(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Map.of());
    }

    /** A site: the campus library system; its time zone is where opening hours are read. */
    public record Site(String id, String name, ZoneId timezone) {
        public Site {
            SpaceModel.id(id, "id");
        }
    }

    public record Building(String id, String siteId, String name) {
        public Building {
            SpaceModel.id(id, "id");
        }
    }

    public record Floor(String id, String buildingId, String name, int level) {
        public Floor {
            SpaceModel.id(id, "id");
        }
    }

    /** An open area of desks, or a room: a zone that is booked as a whole. */
    public enum ZoneKind {
        AREA,
        ROOM
    }

    /**
     * A zone; {@code fixtures} are its devices that belong to no seat: common lighting, a room's lamp,
     * outlet, presence sensor and door reader.
     */
    public record Zone(String id, String floorId, String name, ZoneKind kind, Fixtures fixtures) {
        public Zone {
            SpaceModel.id(id, "id");
        }
    }

    public record Fixtures(
            List<EndpointRef> lamps, List<EndpointRef> outlets, List<EndpointRef> sensors, List<EndpointRef> readers) {
        public Fixtures {
            lamps = List.copyOf(lamps);
            outlets = List.copyOf(outlets);
            sensors = List.copyOf(sensors);
            readers = List.copyOf(readers);
        }

        public static Fixtures none() {
            return new Fixtures(List.of(), List.of(), List.of(), List.of());
        }
    }

    /** A desk and the endpoints bound to it; each binding is optional (a walk-up desk may have no reader). */
    public record Seat(
            String id,
            String zoneId,
            Optional<EndpointRef> lamp,
            Optional<EndpointRef> outlet,
            Optional<EndpointRef> sensor,
            Optional<EndpointRef> reader) {
        public Seat {
            SpaceModel.id(id, "id");
        }

        /** Every bound endpoint, for indexing. */
        public List<EndpointRef> endpoints() {
            List<EndpointRef> out = new ArrayList<>(4);
            Stream.of(lamp, outlet, sensor, reader).forEach(o -> o.ifPresent(out::add));
            return out;
        }
    }

    /** An entrance of a building: its gate actuator and the readers in front of it. */
    public record Gate(String id, String buildingId, Optional<EndpointRef> gate, List<EndpointRef> readers) {
        public Gate {
            SpaceModel.id(id, "id");
            readers = List.copyOf(readers);
        }
    }

    static String id(String id, String field) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidFieldException(
                    field,
                    "must be 1-64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit, got '" + id
                            + "'");
        }
        return id;
    }

    public Optional<Building> building(String id) {
        return find(buildings, b -> b.id().equals(id));
    }

    public Optional<Floor> floor(String id) {
        return find(floors, f -> f.id().equals(id));
    }

    public Optional<Zone> zone(String id) {
        return find(zones, z -> z.id().equals(id));
    }

    public Optional<Seat> seat(String id) {
        return find(seats, s -> s.id().equals(id));
    }

    /** The room whose one seat this is (a room's door drives it), when the seat is in a zone of kind room. */
    public Optional<String> roomOf(String seatId) {
        return seat(seatId)
                .flatMap(s -> zone(s.zoneId()))
                .filter(z -> z.kind() == ZoneKind.ROOM)
                .map(Zone::id);
    }

    public Optional<Site> site(String id) {
        return find(sites, s -> s.id().equals(id));
    }

    public List<Seat> seatsIn(String zoneId) {
        return seats.stream().filter(s -> s.zoneId().equals(zoneId)).toList();
    }

    public List<Zone> zonesOn(String floorId) {
        return zones.stream().filter(z -> z.floorId().equals(floorId)).toList();
    }

    public List<Floor> floorsIn(String buildingId) {
        return floors.stream().filter(f -> f.buildingId().equals(buildingId)).toList();
    }

    public List<Zone> zonesIn(String buildingId) {
        return floorsIn(buildingId).stream()
                .flatMap(f -> zonesOn(f.id()).stream())
                .toList();
    }

    /** The building a zone is in, through its floor. */
    public Optional<Building> buildingOf(Zone zone) {
        return floor(zone.floorId()).flatMap(f -> building(f.buildingId()));
    }

    /** The time zone of a building's site; UTC when the site names none. */
    public ZoneId timezoneOf(Building building) {
        return site(building.siteId()).map(Site::timezone).orElse(ZoneId.of("UTC"));
    }

    /** The agents that drive any endpoint in the building: those whose twins carry its schedule. */
    public List<AgentId> agentsIn(String buildingId) {
        List<EndpointRef> refs = new ArrayList<>();
        for (Zone z : zonesIn(buildingId)) {
            refs.addAll(z.fixtures().lamps());
            refs.addAll(z.fixtures().outlets());
            refs.addAll(z.fixtures().sensors());
            refs.addAll(z.fixtures().readers());
            seatsIn(z.id()).forEach(s -> refs.addAll(s.endpoints()));
        }
        gates.stream().filter(g -> g.buildingId().equals(buildingId)).forEach(g -> {
            g.gate().ifPresent(refs::add);
            refs.addAll(g.readers());
        });
        return refs.stream().map(EndpointRef::agent).distinct().sorted().toList();
    }

    public SpaceModel withZone(Zone zone) {
        return new SpaceModel(sites, buildings, floors, replace(zones, zone, Zone::id), seats, gates, agents);
    }

    public SpaceModel withoutZone(String id) {
        return new SpaceModel(sites, buildings, floors, remove(zones, z -> z.id().equals(id)), seats, gates, agents);
    }

    public SpaceModel withSeat(Seat seat) {
        return new SpaceModel(sites, buildings, floors, zones, replace(seats, seat, Seat::id), gates, agents);
    }

    public SpaceModel withoutSeat(String id) {
        return new SpaceModel(sites, buildings, floors, zones, remove(seats, s -> s.id().equals(id)), gates, agents);
    }

    private static <T> Optional<T> find(List<T> list, Predicate<T> p) {
        return list.stream().filter(p).findFirst();
    }

    /** Replaces the element with the same id in place, or appends it. */
    private static <T> List<T> replace(List<T> list, T value, java.util.function.Function<T, String> id) {
        List<T> out = new ArrayList<>(list);
        for (int i = 0; i < out.size(); i++) {
            if (id.apply(out.get(i)).equals(id.apply(value))) {
                out.set(i, value);
                return out;
            }
        }
        out.add(value);
        return out;
    }

    private static <T> List<T> remove(List<T> list, Predicate<T> p) {
        return list.stream().filter(p.negate()).toList();
    }
}
