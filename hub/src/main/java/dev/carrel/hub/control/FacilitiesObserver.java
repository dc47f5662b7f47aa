package dev.carrel.hub.control;

import dev.carrel.hub.ingest.ForwardingObserver;
import dev.carrel.hub.ingest.IngestObserver;
import dev.carrel.hub.live.LiveState;
import dev.carrel.hub.twins.TwinStore;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.CommandReply;
import dev.carrel.protocol.TwinReported;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Stores reported twins and settles commands by replies, on ingest's writer connection and in its
 * transaction; passes everything on to the next observer (monitoring). Runs on the writer thread: nothing
 * here waits.
 */
final class FacilitiesObserver extends ForwardingObserver {
    private final TwinStore twins;
    private final LiveState live;
    private final Supplier<CommandOutcomes> outcomes;

    FacilitiesObserver(IngestObserver next, TwinStore twins, LiveState live, Supplier<CommandOutcomes> outcomes) {
        super(next);
        this.twins = twins;
        this.live = live;
        this.outcomes = outcomes;
    }

    @Override
    public void twinReported(Connection writer, AgentId agent, TwinReported reported, Instant now) throws SQLException {
        twins.writeReported(writer, agent, reported, now);
        outcomes.get().reported(writer, agent, reported, now);
        live.reported(agent, reported);
        next.twinReported(writer, agent, reported, now);
    }

    @Override
    public void commandReply(Connection writer, AgentId agent, CommandReply reply, Instant now) throws SQLException {
        outcomes.get().replied(writer, agent, reply, now);
        next.commandReply(writer, agent, reply, now);
    }
}
