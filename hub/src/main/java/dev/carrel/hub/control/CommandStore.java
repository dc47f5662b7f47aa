package dev.carrel.hub.control;

import dev.carrel.protocol.AgentId;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Commands and their outcomes. State changes run on the store writer's connection and move only from
 * {@code pending}: an outcome, once known, never changes.
 */
public interface CommandStore {

    void insert(Connection c, TrackedCommand command, String body) throws SQLException;

    /** Settles a pending command; empty if it was not pending (unknown, or settled before). */
    Optional<TrackedCommand> settle(
            Connection c, String id, AgentId agent, TrackedCommand.State state, Optional<String> detail, Instant now)
            throws SQLException;

    /** Marks the agent's pending commands carried by twin versions up to {@code applied} as applied. */
    List<TrackedCommand> appliedThrough(Connection c, AgentId agent, long applied, Instant now) throws SQLException;

    /** Pending commands whose expiry is at or before {@code now}. */
    List<TrackedCommand> due(Connection c, Instant now) throws SQLException;

    Optional<TrackedCommand> find(Connection c, String id) throws SQLException;

    List<TrackedCommand> byRequest(String requestId) throws SQLException;

    /** The request's most recent command (ids are UUIDv7, so the largest), read in the caller's transaction. */
    Optional<TrackedCommand> latest(Connection c, String requestId) throws SQLException;

    /** The payload body a command carried, as recorded, read in the caller's transaction. */
    Optional<String> body(Connection c, String id) throws SQLException;

    /** How many commands are in each state, for metrics. */
    Map<TrackedCommand.State, Long> countByState() throws SQLException;
}
