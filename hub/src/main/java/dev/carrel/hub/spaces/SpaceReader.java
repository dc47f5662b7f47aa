package dev.carrel.hub.spaces;

import static dev.carrel.hub.spaces.Fields.at;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.carrel.hub.spaces.SpaceModel.Building;
import dev.carrel.hub.spaces.SpaceModel.Fixtures;
import dev.carrel.hub.spaces.SpaceModel.Floor;
import dev.carrel.hub.spaces.SpaceModel.Gate;
import dev.carrel.hub.spaces.SpaceModel.Seat;
import dev.carrel.hub.spaces.SpaceModel.Site;
import dev.carrel.hub.spaces.SpaceModel.Zone;
import dev.carrel.hub.spaces.SpaceModel.ZoneKind;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Endpoint;
import dev.carrel.protocol.InvalidFieldException;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the space file (YAML, nested as the library is: sites hold buildings, buildings hold gates and
 * floors, floors hold zones, zones hold seats) and the API's zone and seat bodies (JSON, flat, parents by
 * id). Every error names the field by its path, e.g. {@code sites[0].buildings[0].floors[1].zones[2].kind}.
 * Each building may carry a {@code schedule}, which is handed on unparsed for the schedules feature.
 */
public final class SpaceReader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** What a space file holds: the model, and each building's schedule section as written. */
    public record Contents(SpaceModel model, Map<String, JsonNode> schedules) {}

    private SpaceReader() {}

    public static Contents readYaml(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = YAML.readTree(in);
        } catch (IOException e) {
            throw new InvalidFieldException(
                    "$", "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return read(root);
    }

    public static Contents read(JsonNode root) {
        Fields.only(root, "", Set.of("agents", "sites"));
        Parts p = new Parts();
        p.agents = agents(root.get("agents"));
        List<JsonNode> sites = Fields.array(root, "", "sites");
        for (int i = 0; i < sites.size(); i++) {
            site(sites.get(i), "sites[" + i + "]", p);
        }
        return new Contents(
                new SpaceModel(p.sites, p.buildings, p.floors, p.zones, p.seats, p.gates, p.agents), p.schedules);
    }

    private static final class Parts {
        final List<Site> sites = new ArrayList<>();
        final List<Building> buildings = new ArrayList<>();
        final List<Floor> floors = new ArrayList<>();
        final List<Zone> zones = new ArrayList<>();
        final List<Seat> seats = new ArrayList<>();
        final List<Gate> gates = new ArrayList<>();
        final Map<String, JsonNode> schedules = new LinkedHashMap<>();
        Map<AgentId, List<Endpoint>> agents = Map.of();
    }

    private static Map<AgentId, List<Endpoint>> agents(JsonNode node) {
        Map<AgentId, List<Endpoint>> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        Fields.object(node, "agents");
        for (var agent : node.properties()) {
            String path = "agents." + agent.getKey();
            AgentId id;
            try {
                id = AgentId.of(agent.getKey());
            } catch (InvalidFieldException e) {
                throw new InvalidFieldException(path, e.reason());
            }
            List<Endpoint> endpoints = new ArrayList<>();
            Fields.object(agent.getValue(), path);
            for (var ep : agent.getValue().properties()) {
                endpoints.add(endpoint(at(path, ep.getKey()), ep.getKey(), ep.getValue()));
            }
            out.put(id, endpoints);
        }
        return out;
    }

    private static Endpoint endpoint(String path, String id, JsonNode kind) {
        if (!kind.isTextual()) {
            throw new InvalidFieldException(path, "must be an endpoint kind such as lamp or outlet");
        }
        try {
            return new Endpoint(id, Endpoint.Kind.valueOf(kind.textValue().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(path, "'" + kind.textValue() + "' is not an endpoint kind");
        }
    }

    private static void site(JsonNode n, String path, Parts p) {
        Fields.only(n, path, Set.of("id", "name", "timezone", "buildings"));
        String id = Fields.id(n, path, "id");
        String tz = Fields.optionalText(n, path, "timezone").orElse("UTC");
        ZoneId zone;
        try {
            zone = ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw new InvalidFieldException(at(path, "timezone"), "'" + tz + "' is not a time zone");
        }
        p.sites.add(new Site(id, Fields.optionalText(n, path, "name").orElse(id), zone));
        List<JsonNode> buildings = Fields.array(n, path, "buildings");
        for (int i = 0; i < buildings.size(); i++) {
            building(buildings.get(i), path + ".buildings[" + i + "]", id, p);
        }
    }

    private static void building(JsonNode n, String path, String siteId, Parts p) {
        Fields.only(n, path, Set.of("id", "name", "gates", "floors", "schedule"));
        String id = Fields.id(n, path, "id");
        p.buildings.add(
                new Building(id, siteId, Fields.optionalText(n, path, "name").orElse(id)));
        if (n.hasNonNull("schedule")) {
            p.schedules.put(id, n.get("schedule"));
        }
        List<JsonNode> gates = Fields.array(n, path, "gates");
        for (int i = 0; i < gates.size(); i++) {
            String at = path + ".gates[" + i + "]";
            JsonNode g = gates.get(i);
            Fields.only(g, at, Set.of("id", "gate", "readers"));
            p.gates.add(new Gate(Fields.id(g, at, "id"), id, Fields.ref(g, at, "gate"), Fields.refs(g, at, "readers")));
        }
        List<JsonNode> floors = Fields.array(n, path, "floors");
        for (int i = 0; i < floors.size(); i++) {
            String at = path + ".floors[" + i + "]";
            JsonNode f = floors.get(i);
            Fields.only(f, at, Set.of("id", "name", "level", "zones"));
            String floorId = Fields.id(f, at, "id");
            int level = Fields.optionalInt(f, at, "level", -20, 200).orElse(i);
            p.floors.add(
                    new Floor(floorId, id, Fields.optionalText(f, at, "name").orElse(floorId), level));
            List<JsonNode> zones = Fields.array(f, at, "zones");
            for (int z = 0; z < zones.size(); z++) {
                zoneInFile(zones.get(z), at + ".zones[" + z + "]", floorId, p);
            }
        }
    }

    private static void zoneInFile(JsonNode n, String path, String floorId, Parts p) {
        Fields.only(n, path, Set.of("id", "name", "kind", "lamps", "outlets", "sensors", "readers", "seats"));
        Zone zone = zoneBody(n, path, Fields.id(n, path, "id"), floorId);
        p.zones.add(zone);
        List<JsonNode> seats = Fields.array(n, path, "seats");
        for (int i = 0; i < seats.size(); i++) {
            String at = path + ".seats[" + i + "]";
            Fields.only(seats.get(i), at, Set.of("id", "lamp", "outlet", "sensor", "reader"));
            p.seats.add(seatBody(seats.get(i), at, Fields.id(seats.get(i), at, "id"), zone.id()));
        }
    }

    /** A zone from the API: {@code {floor, name?, kind?, lamps?, outlets?, sensors?, readers?}}. */
    public static Zone zone(JsonNode body, String id) {
        Fields.only(body, "", Set.of("floor", "name", "kind", "lamps", "outlets", "sensors", "readers"));
        return zoneBody(body, "", SpaceModel.id(id, "id"), Fields.id(body, "", "floor"));
    }

    /** A seat from the API: {@code {zone, lamp?, outlet?, sensor?, reader?}}. */
    public static Seat seat(JsonNode body, String id) {
        Fields.only(body, "", Set.of("zone", "lamp", "outlet", "sensor", "reader"));
        return seatBody(body, "", SpaceModel.id(id, "id"), Fields.id(body, "", "zone"));
    }

    private static Zone zoneBody(JsonNode n, String path, String id, String floorId) {
        String kind = Fields.optionalText(n, path, "kind").orElse("area");
        ZoneKind zoneKind;
        try {
            zoneKind = ZoneKind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(at(path, "kind"), "must be 'area' or 'room', got '" + kind + "'");
        }
        Fixtures fixtures = new Fixtures(
                Fields.refs(n, path, "lamps"),
                Fields.refs(n, path, "outlets"),
                Fields.refs(n, path, "sensors"),
                Fields.refs(n, path, "readers"));
        return new Zone(id, floorId, Fields.optionalText(n, path, "name").orElse(id), zoneKind, fixtures);
    }

    private static Seat seatBody(JsonNode n, String path, String id, String zoneId) {
        return new Seat(
                id,
                zoneId,
                Fields.ref(n, path, "lamp"),
                Fields.ref(n, path, "outlet"),
                Fields.ref(n, path, "sensor"),
                Fields.ref(n, path, "reader"));
    }
}
