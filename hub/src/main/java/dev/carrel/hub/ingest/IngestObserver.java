package dev.carrel.hub.ingest;

import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.CommandReply;
import dev.carrel.protocol.Event;
import dev.carrel.protocol.Status;
import dev.carrel.protocol.Telemetry;
import dev.carrel.protocol.TwinReported;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Told of each valid message after ingest has written it, on the writer's connection and inside the same
 * transaction, so what it derives (alerts) commits, or not, with the message. Must not block: it runs on
 * the one writer thread. Events are passed only the first time their id is stored.
 */
public interface IngestObserver {
    IngestObserver NONE = new IngestObserver() {};

    default void status(Connection writer, AgentId agent, Status status, Instant now) throws SQLException {}

    default void event(Connection writer, AgentId agent, Event event, Instant now) throws SQLException {}

    default void telemetry(Connection writer, AgentId agent, Telemetry telemetry, Instant now) throws SQLException {}

    /** A {@code twin/reported} (facilities: twins, command settlement, live lamp state). */
    default void twinReported(Connection writer, AgentId agent, TwinReported reported, Instant now)
            throws SQLException {}

    /** A {@code replies/{name}} answer to a hub command (facilities: command tracking). */
    default void commandReply(Connection writer, AgentId agent, CommandReply reply, Instant now) throws SQLException {}
}
