package dev.carrel.hub.twins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.store.Database;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.TwinReported;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Twins in the {@code twins} table, states as JSON text. */
public final class SqliteTwinStore implements TwinStore {
    private static final TypeReference<Map<String, Object>> STATE = new TypeReference<>() {};
    private static final String SELECT = "SELECT agent_id, desired_version, desired, desired_ts, reported_version,"
            + " reported, reported_ts FROM twins";

    private final Database database;
    private final ObjectMapper json;

    public SqliteTwinStore(Database database, ObjectMapper json) {
        this.database = database;
        this.json = json;
    }

    @Override
    public Optional<Twin> find(AgentId agent) throws SQLException {
        return database.read(c -> one(c, agent));
    }

    @Override
    public List<Twin> all() throws SQLException {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(SELECT + " ORDER BY agent_id");
                    ResultSet rs = s.executeQuery()) {
                List<Twin> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(twin(rs));
                }
                return out;
            }
        });
    }

    @Override
    public Twin read(Connection c, AgentId agent) throws SQLException {
        return one(c, agent).orElse(Twin.empty(agent));
    }

    private Optional<Twin> one(Connection c, AgentId agent) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SELECT + " WHERE agent_id = ?")) {
            s.setString(1, agent.value());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(twin(rs)) : Optional.empty();
            }
        }
    }

    @Override
    public long writeDesired(Connection c, AgentId agent, Map<String, Object> desired, Instant now)
            throws SQLException {
        String sql = """
                INSERT INTO twins (agent_id, desired_version, desired, desired_ts) VALUES (?, 1, ?, ?)
                ON CONFLICT (agent_id) DO UPDATE SET desired_version = twins.desired_version + 1,
                    desired = excluded.desired, desired_ts = excluded.desired_ts
                RETURNING desired_version
                """;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, agent.value());
            s.setString(2, text(desired));
            s.setLong(3, now.toEpochMilli());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public void writeReported(Connection c, AgentId agent, TwinReported reported, Instant received)
            throws SQLException {
        // Retained and QoS 1: an older report may arrive again after a newer one; keep the newest by its ts.
        String sql = """
                INSERT INTO twins (agent_id, reported_version, reported, reported_ts, reported_received)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (agent_id) DO UPDATE SET reported_version = excluded.reported_version,
                    reported = excluded.reported, reported_ts = excluded.reported_ts,
                    reported_received = excluded.reported_received
                WHERE twins.reported_ts IS NULL OR excluded.reported_ts >= twins.reported_ts
                """;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, agent.value());
            s.setLong(2, reported.appliedVersion());
            s.setString(3, text(reported.state()));
            s.setLong(4, reported.ts().toEpochMilli());
            s.setLong(5, received.toEpochMilli());
            s.executeUpdate();
        }
    }

    private Twin twin(ResultSet rs) throws SQLException {
        long reportedVersion = rs.getLong(5);
        boolean hasReported = !rs.wasNull();
        String reported = rs.getString(6);
        long reportedTs = rs.getLong(7);
        long desiredTs = rs.getLong(4);
        boolean hasDesiredTs = !rs.wasNull();
        return new Twin(
                AgentId.of(rs.getString(1)),
                rs.getLong(2),
                state(rs.getString(3)),
                hasDesiredTs ? Optional.of(Instant.ofEpochMilli(desiredTs)) : Optional.empty(),
                hasReported ? Optional.of(reportedVersion) : Optional.empty(),
                reported == null ? Optional.empty() : Optional.of(state(reported)),
                hasReported ? Optional.of(Instant.ofEpochMilli(reportedTs)) : Optional.empty());
    }

    private String text(Map<String, Object> state) throws SQLException {
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot store a twin state", e);
        }
    }

    private Map<String, Object> state(String text) throws SQLException {
        try {
            return json.readValue(text, STATE);
        } catch (JsonProcessingException e) {
            throw new SQLException("a stored twin state is not JSON", e);
        }
    }
}
