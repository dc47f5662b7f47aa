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
 * A link of ingest's observer chain that passes every message on to the next; a feature's observer extends
 * it, overrides what it uses and calls the same method of {@link #next} (or {@code super}) when done.
 */
public abstract class ForwardingObserver implements IngestObserver {
    protected final IngestObserver next;

    protected ForwardingObserver(IngestObserver next) {
        this.next = next;
    }

    @Override
    public void status(Connection writer, AgentId agent, Status status, Instant now) throws SQLException {
        next.status(writer, agent, status, now);
    }

    @Override
    public void event(Connection writer, AgentId agent, Event event, Instant now) throws SQLException {
        next.event(writer, agent, event, now);
    }

    @Override
    public void telemetry(Connection writer, AgentId agent, Telemetry telemetry, Instant now) throws SQLException {
        next.telemetry(writer, agent, telemetry, now);
    }

    @Override
    public void twinReported(Connection writer, AgentId agent, TwinReported reported, Instant now) throws SQLException {
        next.twinReported(writer, agent, reported, now);
    }

    @Override
    public void commandReply(Connection writer, AgentId agent, CommandReply reply, Instant now) throws SQLException {
        next.commandReply(writer, agent, reply, now);
    }
}
