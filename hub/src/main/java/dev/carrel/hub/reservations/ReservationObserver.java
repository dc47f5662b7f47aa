package dev.carrel.hub.reservations;

import dev.carrel.hub.ingest.ForwardingObserver;
import dev.carrel.hub.ingest.IngestObserver;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Event;
import dev.carrel.protocol.EventBody;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Seat events for the bookings, in ingest's chain (like {@code FacilitiesObserver}): on the writer's
 * connection, inside the message's transaction, then on to the next observer. A failure here is logged and
 * rolled back to this observer's savepoint, so a booking problem never stops an event from being stored and
 * acknowledged (it would be re-delivered for ever).
 */
final class ReservationObserver extends ForwardingObserver {
    private static final Logger LOG = Logger.getLogger(ReservationObserver.class.getName());

    private final SeatEvents events;

    ReservationObserver(IngestObserver next, SeatEvents events) {
        super(next);
        this.events = events;
    }

    @Override
    public void event(Connection writer, AgentId agent, Event event, Instant now) throws SQLException {
        switch (event.body()) {
            case EventBody.SeatStateChanged s -> safely(writer, () -> events.seatChanged(writer, s, now));
            case EventBody.PresenceChanged p -> safely(writer, () -> events.presence(writer, agent, p, now));
            case EventBody.SeatViolation v -> safely(writer, () -> events.violation(writer, v, event.ts(), now));
            default -> {}
        }
        next.event(writer, agent, event, now);
    }

    private interface Step {
        void run() throws SQLException;
    }

    private static void safely(Connection c, Step step) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try {
            step.run();
            c.releaseSavepoint(savepoint);
        } catch (SQLException | RuntimeException e) {
            c.rollback(savepoint);
            LOG.log(Level.WARNING, "a seat event could not be applied to the bookings", e);
        }
    }
}
