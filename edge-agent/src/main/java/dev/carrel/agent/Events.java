package dev.carrel.agent;

import dev.carrel.agent.mqtt.AgentConnection;
import dev.carrel.protocol.Event;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.EventIds;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Wraps event bodies in envelopes (UUIDv7 id, session, per-session sequence, time) and publishes them at
 * QoS 1. While the broker is away, events wait in a bounded memory queue and go out in order on reconnect.
 *
 * <p>This queue is the foundation's stand-in: it does not survive a restart. The durable SQLite outbox of
 * the edge-agent issue replaces it behind the same {@link #publish(EventBody)}.
 */
public final class Events {
    private static final Logger LOG = Logger.getLogger(Events.class.getName());
    private static final int MAX_PENDING = 10_000;

    private final AgentConnection connection;
    private final EventIds ids;
    private final Clock clock;
    private final Deque<Event> pending = new ArrayDeque<>();
    private long seqSession = -1;
    private long seq;
    private long dropped;

    public Events(AgentConnection connection, EventIds ids, Clock clock) {
        this.connection = connection;
        this.ids = ids;
        this.clock = clock;
    }

    /** Records an event and sends it as soon as the broker can take it. */
    public synchronized Event publish(EventBody body) {
        long session = Math.max(1, connection.session());
        if (session != seqSession) {
            seqSession = session;
            seq = 0;
        }
        Event event = new Event(ids.next(), session, seq++, clock.instant(), body);
        if (pending.size() >= MAX_PENDING) {
            pending.removeFirst();
            dropped++;
        }
        pending.addLast(event);
        flush();
        return event;
    }

    /** Sends what is waiting, oldest first; stops at the first refusal and keeps the rest. */
    public synchronized void flush() {
        while (!pending.isEmpty() && connection.connected()) {
            try {
                connection.publish(pending.peekFirst(), 1, false);
                pending.removeFirst();
            } catch (MqttException e) {
                LOG.log(Level.FINE, "event publish deferred", e);
                return;
            }
        }
    }

    public synchronized int pending() {
        return pending.size();
    }

    public synchronized long dropped() {
        return dropped;
    }
}
