package dev.carrel.hub.ingest;

import dev.carrel.hub.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Dead letters in the {@code dead_letters} table. */
public final class SqliteDeadLetterStore implements DeadLetterStore {
    private final Database database;

    public SqliteDeadLetterStore(Database database) {
        this.database = database;
    }

    @Override
    public void add(Connection writer, DeadLetter letter) throws SQLException {
        String sql = """
                INSERT INTO dead_letters (received, agent_id, topic, reason, field, payload, payload_size)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """;
        try (PreparedStatement s = writer.prepareStatement(sql)) {
            s.setLong(1, letter.received().toEpochMilli());
            if (letter.agent().isPresent()) {
                s.setString(2, letter.agent().get());
            } else {
                s.setNull(2, Types.VARCHAR);
            }
            s.setString(3, letter.topic());
            s.setString(4, letter.reason());
            s.setString(5, letter.field());
            s.setBytes(6, letter.payload());
            s.setInt(7, letter.payloadSize());
            s.executeUpdate();
        }
    }

    @Override
    public List<DeadLetter> recent(int limit, Optional<String> agent) throws SQLException {
        String sql = "SELECT id, received, agent_id, topic, reason, field, payload, payload_size FROM dead_letters"
                + (agent.isPresent() ? " WHERE agent_id = ?" : "")
                + " ORDER BY received DESC, id DESC LIMIT ?";
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                if (agent.isPresent()) {
                    s.setString(i++, agent.get());
                }
                s.setInt(i, limit);
                try (ResultSet rs = s.executeQuery()) {
                    List<DeadLetter> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new DeadLetter(
                                rs.getLong(1),
                                Instant.ofEpochMilli(rs.getLong(2)),
                                Optional.ofNullable(rs.getString(3)),
                                rs.getString(4),
                                rs.getString(5),
                                Optional.ofNullable(rs.getString(6)).orElse("$"),
                                rs.getBytes(7),
                                rs.getInt(8)));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public int deleteBefore(Connection writer, Instant cutoff) throws SQLException {
        try (PreparedStatement s = writer.prepareStatement("DELETE FROM dead_letters WHERE received < ?")) {
            s.setLong(1, cutoff.toEpochMilli());
            return s.executeUpdate();
        }
    }
}
