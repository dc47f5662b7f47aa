package dev.carrel.hub.monitoring;

import dev.carrel.hub.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Alerts in the {@code alerts} table. The partial unique index on active causes makes {@link #raise}
 * idempotent: a second raise of a cause still present inserts nothing.
 */
public final class SqliteAlertStore implements AlertStore {
    private static final String COLUMNS =
            "id, agent_id, kind, subject, state, active, message, opened, acknowledged," + " resolved, resolution";

    private final Database database;

    public SqliteAlertStore(Database database) {
        this.database = database;
    }

    @Override
    public boolean raise(Connection writer, AlertCause cause, String message, Instant now) throws SQLException {
        String sql = """
                INSERT INTO alerts (agent_id, kind, subject, state, active, message, opened)
                VALUES (?, ?, ?, 'open', 1, ?, ?)
                ON CONFLICT DO NOTHING
                """;
        try (PreparedStatement s = writer.prepareStatement(sql)) {
            s.setString(1, cause.agent());
            s.setString(2, cause.kind().wire());
            s.setString(3, cause.subject());
            s.setString(4, message);
            s.setLong(5, now.toEpochMilli());
            return s.executeUpdate() == 1;
        }
    }

    @Override
    public boolean clear(Connection writer, AlertCause cause, Instant now) throws SQLException {
        String sql = """
                UPDATE alerts SET
                    active = 0,
                    state = 'resolved',
                    resolved = coalesce(resolved, ?),
                    resolution = coalesce(resolution, 'cleared')
                WHERE agent_id = ? AND kind = ? AND subject = ? AND active = 1
                """;
        try (PreparedStatement s = writer.prepareStatement(sql)) {
            s.setLong(1, now.toEpochMilli());
            s.setString(2, cause.agent());
            s.setString(3, cause.kind().wire());
            s.setString(4, cause.subject());
            return s.executeUpdate() > 0;
        }
    }

    @Override
    public Set<AlertCause> active(Connection writer, AlertKind kind) throws SQLException {
        try (PreparedStatement s =
                writer.prepareStatement("SELECT agent_id, subject FROM alerts WHERE kind = ? AND active = 1")) {
            s.setString(1, kind.wire());
            try (ResultSet rs = s.executeQuery()) {
                Set<AlertCause> out = new HashSet<>();
                while (rs.next()) {
                    out.add(new AlertCause(rs.getString(1), kind, rs.getString(2)));
                }
                return out;
            }
        }
    }

    @Override
    public Optional<Alert> acknowledge(Connection writer, long id, Instant now) throws SQLException {
        return change(
                writer,
                "UPDATE alerts SET state = 'acknowledged', acknowledged = ? WHERE id = ? AND state = 'open'",
                id,
                now);
    }

    @Override
    public Optional<Alert> resolve(Connection writer, long id, Instant now) throws SQLException {
        return change(
                writer,
                "UPDATE alerts SET state = 'resolved', resolved = ?, resolution = 'staff'"
                        + " WHERE id = ? AND state <> 'resolved'",
                id,
                now);
    }

    private Optional<Alert> change(Connection writer, String sql, long id, Instant now) throws SQLException {
        try (PreparedStatement s = writer.prepareStatement(sql)) {
            s.setLong(1, now.toEpochMilli());
            s.setLong(2, id);
            s.executeUpdate();
        }
        return find(writer, id);
    }

    @Override
    public Optional<Alert> find(long id) throws SQLException {
        return database.read(c -> find(c, id));
    }

    private static Optional<Alert> find(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM alerts WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(alert(rs)) : Optional.empty();
            }
        }
    }

    @Override
    public List<Alert> list(Query query) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alerts WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        query.state().ifPresent(state -> {
            sql.append(" AND state = ?");
            args.add(state.wire());
        });
        query.agent().ifPresent(agent -> {
            sql.append(" AND agent_id = ?");
            args.add(agent);
        });
        sql.append(" ORDER BY opened DESC, id DESC LIMIT ?");
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                int i = 1;
                for (String arg : args) {
                    s.setString(i++, arg);
                }
                s.setInt(i, query.limit());
                try (ResultSet rs = s.executeQuery()) {
                    List<Alert> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(alert(rs));
                    }
                    return out;
                }
            }
        });
    }

    private static Alert alert(ResultSet rs) throws SQLException {
        return new Alert(
                rs.getLong(1),
                rs.getString(2),
                AlertKind.fromWire(rs.getString(3)).orElseThrow(() -> new SQLException("unknown alert kind")),
                rs.getString(4),
                AlertState.fromWire(rs.getString(5)).orElseThrow(() -> new SQLException("unknown alert state")),
                rs.getInt(6) == 1,
                rs.getString(7),
                Instant.ofEpochMilli(rs.getLong(8)),
                instant(rs, 9),
                instant(rs, 10),
                Optional.ofNullable(rs.getString(11)));
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }
}
