package dev.carrel.hub.devices;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.store.Database;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Endpoint;
import dev.carrel.protocol.Status;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Each agent's online state, session, version and last-seen time, kept in the {@code agents} table.
 *
 * <p>The session rule (DESIGN §4) lives in the SQL: a birth applies when its session is newer than the
 * stored one, a death when its session is at least the stored one. So a Last Will that arrives after the
 * agent's next birth changes nothing, and neither does a re-delivered birth after its own death.
 */
public final class AgentRegistry {
    private static final TypeReference<List<Endpoint>> ENDPOINTS = new TypeReference<>() {};

    private final Database database;
    private final ObjectMapper json;

    public AgentRegistry(Database database, ObjectMapper json) {
        this.database = database;
        this.json = json;
    }

    /** Applies a birth or death on the writer's connection. */
    public void apply(Connection c, AgentId agent, Status status, Instant now) throws SQLException {
        switch (status) {
            case Status.Birth birth -> birth(c, agent, birth, now);
            case Status.Death death -> death(c, agent, death, now);
        }
    }

    private void birth(Connection c, AgentId agent, Status.Birth birth, Instant now) throws SQLException {
        String sql = """
                INSERT INTO agents (id, online, session, version, endpoints, first_seen, last_seen, status_changed)
                VALUES (?, 1, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET
                    online = 1, session = excluded.session, version = excluded.version,
                    endpoints = excluded.endpoints, last_seen = max(agents.last_seen, excluded.last_seen),
                    status_changed = excluded.status_changed
                WHERE excluded.session > agents.session
                   OR (excluded.session = agents.session AND agents.online = 1)
                """;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, agent.value());
            s.setLong(2, birth.session());
            s.setString(3, birth.version());
            s.setString(4, write(birth.endpoints()));
            s.setLong(5, now.toEpochMilli());
            s.setLong(6, now.toEpochMilli());
            s.setLong(7, now.toEpochMilli());
            s.executeUpdate();
        }
    }

    private static void death(Connection c, AgentId agent, Status.Death death, Instant now) throws SQLException {
        String sql = """
                INSERT INTO agents (id, online, session, version, endpoints, first_seen, last_seen, status_changed)
                VALUES (?, 0, ?, NULL, '[]', ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET
                    online = 0, session = excluded.session, status_changed = excluded.status_changed
                WHERE (excluded.session >= agents.session AND agents.online = 1)
                   OR excluded.session > agents.session
                """;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, agent.value());
            s.setLong(2, death.session());
            s.setLong(3, now.toEpochMilli());
            s.setLong(4, now.toEpochMilli());
            s.setLong(5, now.toEpochMilli());
            s.executeUpdate();
        }
    }

    /** Records that the agent itself was heard from (an event or telemetry), on the writer's connection. */
    public void touch(Connection c, AgentId agent, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE agents SET last_seen = max(last_seen, ?) WHERE id = ?")) {
            s.setLong(1, now.toEpochMilli());
            s.setString(2, agent.value());
            s.executeUpdate();
        }
    }

    /** An agent offline since a time. */
    public record Offline(AgentId id, Instant since) {}

    /** Whether the agent is online now, on the writer's connection (so it sees the current transaction). */
    public boolean online(Connection c, AgentId agent) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT online FROM agents WHERE id = ?")) {
            s.setString(1, agent.value());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }

    /** Agents offline since {@code cutoff} or earlier, on the writer's connection. */
    public List<Offline> offlineSince(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT id, status_changed FROM agents WHERE online = 0 AND status_changed <= ?")) {
            s.setLong(1, cutoff.toEpochMilli());
            try (ResultSet rs = s.executeQuery()) {
                List<Offline> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Offline(AgentId.of(rs.getString(1)), Instant.ofEpochMilli(rs.getLong(2))));
                }
                return out;
            }
        }
    }

    /** The kind of one of the agent's endpoints as its last birth announced it, on the writer's connection. */
    public Optional<Endpoint.Kind> endpointKind(Connection c, AgentId agent, String endpointId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT endpoints FROM agents WHERE id = ?")) {
            s.setString(1, agent.value());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return read(rs.getString(1)).stream()
                        .filter(e -> e.id().equals(endpointId))
                        .map(Endpoint::kind)
                        .findFirst();
            }
        }
    }

    /** How many agents are online. */
    public int countOnline() throws SQLException {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM agents WHERE online = 1");
                    ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    public List<AgentView> list() throws SQLException {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(SELECT + " ORDER BY a.id");
                    ResultSet rs = s.executeQuery()) {
                List<AgentView> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(view(rs));
                }
                return out;
            }
        });
    }

    public Optional<AgentView> find(AgentId agent) throws SQLException {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(SELECT + " WHERE a.id = ?")) {
                s.setString(1, agent.value());
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(view(rs)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Each agent with its event-sequence figures: the events missing over all its sessions (the highest seq of
     * a session plus one, less the distinct events received in it), and its newest event session and seq.
     */
    private static final String SELECT = """
            SELECT a.id, a.online, a.last_seen, a.version, a.session, a.endpoints,
                   coalesce((SELECT sum(max_seq + 1 - received) FROM event_sessions e WHERE e.agent_id = a.id), 0),
                   coalesce((SELECT max(session) FROM event_sessions e WHERE e.agent_id = a.id), 0),
                   coalesce((SELECT max_seq FROM event_sessions e WHERE e.agent_id = a.id
                             ORDER BY session DESC LIMIT 1), -1)
            FROM agents a""";

    private AgentView view(ResultSet rs) throws SQLException {
        return new AgentView(
                rs.getString(1),
                rs.getInt(2) == 1,
                Instant.ofEpochMilli(rs.getLong(3)),
                Optional.ofNullable(rs.getString(4)).orElse("unknown"),
                rs.getLong(5),
                read(rs.getString(6)),
                rs.getLong(7),
                rs.getLong(8),
                rs.getLong(9));
    }

    private String write(List<Endpoint> endpoints) throws SQLException {
        try {
            return json.writeValueAsString(endpoints);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot store endpoints", e);
        }
    }

    private List<Endpoint> read(String endpoints) throws SQLException {
        try {
            return json.readValue(endpoints, ENDPOINTS);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored endpoints are not JSON", e);
        }
    }
}
