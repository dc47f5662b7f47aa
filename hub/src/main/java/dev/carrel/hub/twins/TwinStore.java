package dev.carrel.hub.twins;

import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.TwinReported;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Twins in the database. The {@code Connection} methods run on the store writer's connection, inside the
 * caller's transaction, so a twin change commits together with whatever caused it (a command, a reply).
 */
public interface TwinStore {

    Optional<Twin> find(AgentId agent) throws SQLException;

    List<Twin> all() throws SQLException;

    /** Reads the twin for update on the writer's connection. */
    Twin read(Connection c, AgentId agent) throws SQLException;

    /** Stores a new desired state with the next version and returns that version. */
    long writeDesired(Connection c, AgentId agent, Map<String, Object> desired, Instant now) throws SQLException;

    void writeReported(Connection c, AgentId agent, TwinReported reported, Instant received) throws SQLException;
}
