package dev.carrel.hub.control;

import dev.carrel.hub.control.TrackedCommand.State;
import dev.carrel.hub.store.Database;
import dev.carrel.protocol.AgentId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Commands in the {@code commands} table. */
public final class SqliteCommandStore implements CommandStore {
    private static final String SELECT = "SELECT id, request_id, agent_id, endpoint_id, name, state, detail, created,"
            + " expires_at, updated, twin_version, previous FROM commands";

    private final Database database;

    public SqliteCommandStore(Database database) {
        this.database = database;
    }

    @Override
    public void insert(Connection c, TrackedCommand t, String body) throws SQLException {
        String sql = "INSERT INTO commands (id, request_id, agent_id, endpoint_id, name, body, created, expires_at,"
                + " state, detail, updated, twin_version, previous) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, t.id());
            s.setString(2, t.requestId());
            s.setString(3, t.agent().value());
            s.setString(4, t.endpoint());
            s.setString(5, t.command());
            s.setString(6, body);
            s.setLong(7, t.createdAt().toEpochMilli());
            s.setLong(8, t.expiresAt().toEpochMilli());
            s.setString(9, t.state().wire());
            s.setString(10, t.detail().orElse(null));
            s.setLong(11, t.updatedAt().toEpochMilli());
            s.setLong(12, t.twinVersion());
            s.setString(13, t.previous().orElse(null));
            s.executeUpdate();
        }
    }

    @Override
    public Optional<TrackedCommand> settle(
            Connection c, String id, AgentId agent, State state, Optional<String> detail, Instant now)
            throws SQLException {
        String sql = "UPDATE commands SET state = ?, detail = ?, updated = ?"
                + " WHERE id = ? AND agent_id = ? AND state = 'pending' RETURNING id";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, state.wire());
            s.setString(2, detail.orElse(null));
            s.setLong(3, now.toEpochMilli());
            s.setString(4, id);
            s.setString(5, agent.value());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
            }
        }
        return find(c, id);
    }

    @Override
    public List<TrackedCommand> appliedThrough(Connection c, AgentId agent, long applied, Instant now)
            throws SQLException {
        List<TrackedCommand> pending = query(
                c, SELECT + " WHERE agent_id = ? AND state = 'pending' AND twin_version <= ?", agent.value(), applied);
        List<TrackedCommand> out = new ArrayList<>();
        for (TrackedCommand t : pending) {
            settle(c, t.id(), agent, State.APPLIED, Optional.of("applied through twin version " + applied), now)
                    .ifPresent(out::add);
        }
        return out;
    }

    @Override
    public List<TrackedCommand> due(Connection c, Instant now) throws SQLException {
        return query(c, SELECT + " WHERE state = 'pending' AND expires_at <= ? ORDER BY id", now.toEpochMilli());
    }

    @Override
    public Optional<TrackedCommand> find(Connection c, String id) throws SQLException {
        return query(c, SELECT + " WHERE id = ?", id).stream().findFirst();
    }

    @Override
    public Optional<TrackedCommand> latest(Connection c, String requestId) throws SQLException {
        return query(c, SELECT + " WHERE request_id = ? ORDER BY id DESC LIMIT 1", requestId).stream()
                .findFirst();
    }

    @Override
    public Optional<String> body(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT body FROM commands WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    @Override
    public List<TrackedCommand> byRequest(String requestId) throws SQLException {
        return database.read(
                c -> query(c, SELECT + " WHERE request_id = ? ORDER BY agent_id, endpoint_id, name", requestId));
    }

    @Override
    public Map<State, Long> countByState() throws SQLException {
        return database.read(c -> {
            Map<State, Long> out = new EnumMap<>(State.class);
            for (State s : State.values()) {
                out.put(s, 0L);
            }
            try (PreparedStatement s = c.prepareStatement("SELECT state, count(*) FROM commands GROUP BY state");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(State.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)), rs.getLong(2));
                }
            }
            return out;
        });
    }

    private static List<TrackedCommand> query(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                List<TrackedCommand> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new TrackedCommand(
                            rs.getString(1),
                            rs.getString(2),
                            AgentId.of(rs.getString(3)),
                            rs.getString(4),
                            rs.getString(5),
                            State.valueOf(rs.getString(6).toUpperCase(Locale.ROOT)),
                            Optional.ofNullable(rs.getString(7)),
                            Instant.ofEpochMilli(rs.getLong(8)),
                            Instant.ofEpochMilli(rs.getLong(9)),
                            Instant.ofEpochMilli(rs.getLong(10)),
                            rs.getLong(11),
                            Optional.ofNullable(rs.getString(12))));
                }
                return out;
            }
        }
    }
}
