package dev.carrel.hub.devices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.store.Database;
import dev.carrel.protocol.AgentId;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An agent's stored events, newest first, as the dashboard's agent page lists them. */
public final class EventHistory {
    private final Database database;
    private final ObjectMapper json;

    public EventHistory(Database database, ObjectMapper json) {
        this.database = database;
        this.json = json;
    }

    /**
     * One stored event.
     *
     * @param ts the agent's clock
     * @param received the hub's clock
     */
    public record StoredEvent(
            String id, long session, long seq, String type, Instant ts, Instant received, JsonNode body) {}

    /** The agent's newest {@code limit} events, by the hub's time of receipt. */
    public List<StoredEvent> recent(AgentId agent, int limit) throws SQLException {
        String sql = """
                SELECT id, session, seq, type, ts, received, body FROM events
                WHERE agent_id = ? ORDER BY received DESC, session DESC, seq DESC LIMIT ?
                """;
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, agent.value());
                s.setInt(2, limit);
                try (ResultSet rs = s.executeQuery()) {
                    List<StoredEvent> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new StoredEvent(
                                rs.getString(1),
                                rs.getLong(2),
                                rs.getLong(3),
                                rs.getString(4),
                                Instant.ofEpochMilli(rs.getLong(5)),
                                Instant.ofEpochMilli(rs.getLong(6)),
                                body(rs.getString(7))));
                    }
                    return out;
                }
            }
        });
    }

    private JsonNode body(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return json.getNodeFactory().textNode(text); // stored by ingest as JSON; shown as text if not
        }
    }
}
