package dev.carrel.agent;

import dev.carrel.agent.mqtt.AgentConnection;
import dev.carrel.agent.outbox.Admission;
import dev.carrel.agent.outbox.MqttOutboxLink;
import dev.carrel.agent.outbox.Outbox;
import dev.carrel.agent.outbox.OutboxConfig;
import dev.carrel.agent.outbox.OutboxDrain;
import dev.carrel.agent.outbox.OutboxEntry;
import dev.carrel.agent.outbox.OutboxException;
import dev.carrel.agent.outbox.Retention;
import dev.carrel.agent.outbox.SqliteOutbox;
import dev.carrel.protocol.Event;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.EventIds;
import dev.carrel.protocol.WireCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Wraps event bodies in envelopes (UUIDv7 id, session, per-session sequence, time), commits each to the
 * durable {@link Outbox} and lets the {@link OutboxDrain} send them at QoS 1, in order, removing each on its
 * PUBACK. An event survives a crash or power cut from the moment {@link #publish} returns; the sequence
 * survives too, so a restart within the same session continues it.
 *
 * <p>When the outbox's budget is full, droppable events go (telemetry first, never gate or seat events,
 * {@link Retention}); each time that happens, at most once a minute, a {@code fault} event with code
 * {@value #OUTBOX_FULL} goes out, and {@link #dropped()} counts every loss for telemetry.
 */
public final class Events implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Events.class.getName());
    public static final String OUTBOX_FULL = "outbox_full";
    static final Duration ALERT_INTERVAL = Duration.ofMinutes(1);

    private final Outbox outbox;
    private final OutboxDrain drain;
    private final LongSupplier session;
    private final EventIds ids;
    private final Clock clock;
    private final WireCodec codec = new WireCodec();
    private Optional<Instant> lastAlert = Optional.empty();
    private long droppedSinceAlert;

    /**
     * @param session the connection's session number; events made before the first connect use session 1
     */
    public Events(Outbox outbox, OutboxDrain drain, LongSupplier session, EventIds ids, Clock clock) {
        this.outbox = outbox;
        this.drain = drain;
        this.session = session;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Opens the outbox file and starts draining it through the connection.
     *
     * @throws OutboxException when the file is corrupt or in use by another agent
     */
    public static Events open(AgentConnection connection, OutboxConfig config, EventIds ids, Clock clock) {
        SqliteOutbox outbox = SqliteOutbox.open(config.file(), config.budget());
        OutboxDrain drain =
                new OutboxDrain(outbox, new MqttOutboxLink(connection), config.window(), "outbox-" + connection.id());
        drain.start();
        return new Events(outbox, drain, connection::session, ids, clock);
    }

    /**
     * Records an event and sends it as soon as the broker can take it.
     *
     * @return the event as recorded (when the budget refused a telemetry event, as it would have been)
     * @throws OutboxException when the disk refused it; then it is not recorded
     */
    public synchronized Event publish(EventBody body) {
        Event event = envelope(body);
        Admission admission = outbox.append(entry(event, Retention.of(body.type())));
        if (admission.dropped() > 0) {
            alert(admission.dropped());
        }
        drain.wake();
        return event;
    }

    private Event envelope(EventBody body) {
        long s = Math.max(1, session.getAsLong());
        return new Event(ids.next(), s, outbox.nextSeq(s), clock.instant(), body);
    }

    private OutboxEntry entry(Event event, Retention retention) {
        return new OutboxEntry(
                event.id(), event.session(), event.seq(), event.type().wire(), retention, codec.encode(event));
    }

    /** Raises {@value #OUTBOX_FULL}, at most once per {@link #ALERT_INTERVAL}; it is never dropped itself. */
    private void alert(long dropped) {
        droppedSinceAlert += dropped;
        Instant now = clock.instant();
        if (lastAlert.isPresent() && now.isBefore(lastAlert.get().plus(ALERT_INTERVAL))) {
            return;
        }
        String message = "outbox budget full: " + droppedSinceAlert + " events dropped (telemetry first; gate and"
                + " seat events are kept); " + outbox.size() + " waiting";
        LOG.warning(message);
        lastAlert = Optional.of(now);
        droppedSinceAlert = 0;
        Event fault =
                envelope(new EventBody.Fault("outbox", OUTBOX_FULL, EventBody.Fault.Severity.WARNING, message, false));
        droppedSinceAlert += outbox.append(entry(fault, Retention.NEVER_DROP)).dropped(); // told next time
    }

    /** The broker is (back): look at the outbox now rather than at the drain's next tick. */
    public void flush() {
        drain.wake();
    }

    /** Events waiting for their acknowledgement (telemetry's {@code outboxDepth}). */
    public int pending() {
        return (int) Math.min(Integer.MAX_VALUE, outbox.size());
    }

    /** Events ever dropped by the outbox budget, across restarts. */
    public long dropped() {
        return outbox.dropped();
    }

    /** Stops sending and closes the file; what is not acknowledged goes out after the next start. */
    @Override
    public void close() {
        drain.close();
        outbox.close();
    }
}
