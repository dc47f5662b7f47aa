package dev.carrel.hub.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Event;
import dev.carrel.protocol.Telemetry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * Appends events (deduplicated by id) and telemetry samples, and tracks each agent's event sequence per
 * session, on the writer's connection.
 */
public final class EventLog {
    private final ObjectMapper json;

    public EventLog(ObjectMapper json) {
        this.json = json;
    }

    /** Returns false when the event id was stored before: a QoS 1 re-delivery or a resend from the outbox. */
    boolean append(Connection c, AgentId agent, Event event, Instant received) throws SQLException {
        String sql = """
                INSERT INTO events (id, agent_id, session, seq, type, ts, received, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING
                """;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, event.id().toString());
            s.setString(2, agent.value());
            s.setLong(3, event.session());
            s.setLong(4, event.seq());
            s.setString(5, event.type().wire());
            s.setLong(6, event.ts().toEpochMilli());
            s.setLong(7, received.toEpochMilli());
            s.setString(8, body(event));
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Counts a newly stored event in its session and returns how far its seq jumped past the highest seen
     * before: 0 in order (or late, filling a gap), n when n events in between have not arrived. Sequences start
     * at 0 in each session (docs/mqtt-contract.md), so a session's first event at seq 3 is a jump of 3.
     */
    long sequence(Connection c, AgentId agent, Event event, Instant received) throws SQLException {
        long previousMax = -1;
        try (PreparedStatement s =
                c.prepareStatement("SELECT max_seq FROM event_sessions WHERE agent_id = ? AND session = ?")) {
            s.setString(1, agent.value());
            s.setLong(2, event.session());
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    previousMax = rs.getLong(1);
                }
            }
        }
        String sql = """
                INSERT INTO event_sessions (agent_id, session, max_seq, received, first_received, last_received)
                VALUES (?, ?, ?, 1, ?, ?)
                ON CONFLICT (agent_id, session) DO UPDATE SET
                    max_seq = max(max_seq, excluded.max_seq), received = received + 1,
                    last_received = excluded.last_received
                """;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, agent.value());
            s.setLong(2, event.session());
            s.setLong(3, event.seq());
            s.setLong(4, received.toEpochMilli());
            s.setLong(5, received.toEpochMilli());
            s.executeUpdate();
        }
        return Math.max(0, event.seq() - previousMax - 1);
    }

    void append(Connection c, AgentId agent, Telemetry t, Instant received) throws SQLException {
        String sql = """
                INSERT INTO telemetry (agent_id, ts, received, uptime_s, heap_used, heap_max, cpu_temp_c,
                                       outbox_depth, reader_faults, resident_bytes, broker_rtt_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, agent.value());
            s.setLong(2, t.ts().toEpochMilli());
            s.setLong(3, received.toEpochMilli());
            s.setLong(4, t.uptimeSeconds());
            s.setLong(5, t.heapUsedBytes());
            s.setLong(6, t.heapMaxBytes());
            if (t.cpuTemperatureC().isPresent()) {
                s.setDouble(7, t.cpuTemperatureC().get());
            } else {
                s.setNull(7, Types.REAL);
            }
            s.setLong(8, t.outboxDepth());
            s.setInt(9, t.readerFaults());
            setOptional(s, 10, t.residentBytes());
            setOptional(s, 11, t.brokerRttMillis());
            s.executeUpdate();
        }
    }

    private static void setOptional(PreparedStatement s, int index, java.util.Optional<Long> value)
            throws SQLException {
        if (value.isPresent()) {
            s.setLong(index, value.get());
        } else {
            s.setNull(index, Types.INTEGER);
        }
    }

    private String body(Event event) throws SQLException {
        try {
            return json.writeValueAsString(event.body());
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot store the body of " + event.id(), e);
        }
    }
}
