package dev.carrel.hub.spaces;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.spaces.SpaceModel.Building;
import dev.carrel.hub.spaces.SpaceModel.Fixtures;
import dev.carrel.hub.spaces.SpaceModel.Floor;
import dev.carrel.hub.spaces.SpaceModel.Gate;
import dev.carrel.hub.spaces.SpaceModel.Seat;
import dev.carrel.hub.spaces.SpaceModel.Site;
import dev.carrel.hub.spaces.SpaceModel.Zone;
import dev.carrel.hub.spaces.SpaceModel.ZoneKind;
import dev.carrel.hub.store.Database;
import dev.carrel.hub.store.StoreWriter;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Endpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The space model in the {@code space_*} tables, rewritten whole in one transaction at each save. */
public final class SqliteSpaceStore implements SpaceStore {
    private static final TypeReference<Map<String, List<String>>> FIXTURES = new TypeReference<>() {};
    private static final TypeReference<List<String>> REFS = new TypeReference<>() {};

    private final Database database;
    private final StoreWriter writer;
    private final ObjectMapper json;
    private final Clock clock;

    public SqliteSpaceStore(Database database, StoreWriter writer, ObjectMapper json, Clock clock) {
        this.database = database;
        this.writer = writer;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Optional<SpaceModel> load() throws SQLException {
        return database.read(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM space_revision")) {
                if (rs.next() && rs.getInt(1) == 0) {
                    return Optional.empty();
                }
            }
            List<Site> sites = rows(
                    c,
                    "SELECT id, name, timezone FROM space_sites ORDER BY rowid",
                    rs -> new Site(rs.getString(1), rs.getString(2), ZoneId.of(rs.getString(3))));
            List<Building> buildings = rows(
                    c,
                    "SELECT id, site_id, name FROM space_buildings ORDER BY rowid",
                    rs -> new Building(rs.getString(1), rs.getString(2), rs.getString(3)));
            List<Floor> floors = rows(
                    c,
                    "SELECT id, building_id, name, level FROM space_floors ORDER BY rowid",
                    rs -> new Floor(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
            List<Zone> zones = rows(
                    c,
                    "SELECT id, floor_id, name, kind, fixtures FROM space_zones ORDER BY rowid",
                    rs -> new Zone(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            ZoneKind.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)),
                            fixtures(rs.getString(5))));
            List<Seat> seats = rows(
                    c,
                    "SELECT id, zone_id, lamp, outlet, sensor, reader FROM space_seats ORDER BY rowid",
                    rs -> new Seat(
                            rs.getString(1),
                            rs.getString(2),
                            ref(rs.getString(3)),
                            ref(rs.getString(4)),
                            ref(rs.getString(5)),
                            ref(rs.getString(6))));
            List<Gate> gates = rows(
                    c,
                    "SELECT id, building_id, gate, readers FROM space_gates ORDER BY rowid",
                    rs -> new Gate(rs.getString(1), rs.getString(2), ref(rs.getString(3)), refs(rs.getString(4))));
            Map<AgentId, List<Endpoint>> agents = new LinkedHashMap<>();
            rows(c, "SELECT agent_id, endpoint_id, kind FROM space_agent_endpoints ORDER BY agent_id, rowid", rs -> {
                agents.computeIfAbsent(AgentId.of(rs.getString(1)), a -> new ArrayList<>())
                        .add(new Endpoint(
                                rs.getString(2),
                                Endpoint.Kind.valueOf(rs.getString(3).toUpperCase(Locale.ROOT))));
                return rs;
            });
            return Optional.of(new SpaceModel(sites, buildings, floors, zones, seats, gates, agents));
        });
    }

    @Override
    public void save(SpaceModel model) throws SQLException {
        Committed.write(writer, "space model", c -> {
            try (Statement s = c.createStatement()) {
                for (String table : List.of(
                        "space_sites",
                        "space_buildings",
                        "space_floors",
                        "space_zones",
                        "space_seats",
                        "space_gates",
                        "space_agent_endpoints")) {
                    s.executeUpdate("DELETE FROM " + table);
                }
            }
            for (Site x : model.sites()) {
                insert(c, "space_sites", x.id(), x.name(), x.timezone().getId());
            }
            for (Building x : model.buildings()) {
                insert(c, "space_buildings", x.id(), x.siteId(), x.name());
            }
            for (Floor x : model.floors()) {
                insert(c, "space_floors", x.id(), x.buildingId(), x.name(), x.level());
            }
            for (Zone x : model.zones()) {
                insert(c, "space_zones", x.id(), x.floorId(), x.name(), wire(x.kind()), text(x.fixtures()));
            }
            for (Seat x : model.seats()) {
                insert(
                        c,
                        "space_seats",
                        x.id(),
                        x.zoneId(),
                        str(x.lamp()),
                        str(x.outlet()),
                        str(x.sensor()),
                        str(x.reader()));
            }
            for (Gate x : model.gates()) {
                insert(c, "space_gates", x.id(), x.buildingId(), str(x.gate()), text(x.readers()));
            }
            for (var agent : model.agents().entrySet()) {
                for (Endpoint e : agent.getValue()) {
                    insert(c, "space_agent_endpoints", agent.getKey().value(), e.id(), wire(e.kind()));
                }
            }
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO space_revision (id, revision, saved) VALUES (1, 1, ?) "
                            + "ON CONFLICT (id) DO UPDATE SET revision = revision + 1, saved = excluded.saved")) {
                s.setLong(1, clock.millis());
                s.executeUpdate();
            }
        });
    }

    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> rows(Connection c, String sql, Row<T> row) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.map(rs));
            }
            return out;
        }
    }

    private static void insert(Connection c, String table, Object... values) throws SQLException {
        String marks = String.join(", ", java.util.Collections.nCopies(values.length, "?"));
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " VALUES (" + marks + ")")) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeUpdate();
        }
    }

    private static String wire(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String str(Optional<EndpointRef> ref) {
        return ref.map(EndpointRef::toString).orElse(null);
    }

    private static Optional<EndpointRef> ref(String text) {
        return Optional.ofNullable(text).map(t -> EndpointRef.parse("endpoint", t));
    }

    private String text(Object value) throws SQLException {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot store " + value, e);
        }
    }

    private Fixtures fixtures(String text) throws SQLException {
        try {
            Map<String, List<String>> m = json.readValue(text, FIXTURES);
            return new Fixtures(
                    list(m.get("lamps")), list(m.get("outlets")), list(m.get("sensors")), list(m.get("readers")));
        } catch (JsonProcessingException e) {
            throw new SQLException("stored fixtures are not JSON", e);
        }
    }

    private List<EndpointRef> refs(String text) throws SQLException {
        try {
            return list(json.readValue(text, REFS));
        } catch (JsonProcessingException e) {
            throw new SQLException("stored readers are not JSON", e);
        }
    }

    private static List<EndpointRef> list(List<String> refs) {
        return refs == null
                ? List.of()
                : refs.stream().map(r -> EndpointRef.parse("endpoint", r)).toList();
    }
}
