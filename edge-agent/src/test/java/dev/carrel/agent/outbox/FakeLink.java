package dev.carrel.agent.outbox;

import java.util.ArrayList;
import java.util.List;

/**
 * A broker connection a test drives: it records each send, refuses with BUSY beyond a receive maximum as
 * Paho does, and acknowledges only when the test says so.
 */
final class FakeLink implements OutboxLink {
    record Send(Queued queued, Acknowledgement acknowledgement) {}

    final List<Send> sent = new ArrayList<>();
    final List<Send> unacknowledged = new ArrayList<>();
    long connection = 1;
    int receiveMaximum = Integer.MAX_VALUE;

    @Override
    public synchronized long connection() {
        return connection;
    }

    @Override
    public synchronized Sent send(Queued queued, Acknowledgement acknowledgement) {
        if (connection == 0) {
            return Sent.DOWN;
        }
        if (unacknowledged.size() >= receiveMaximum) {
            return Sent.BUSY;
        }
        Send send = new Send(queued, acknowledgement);
        sent.add(send);
        unacknowledged.add(send);
        return Sent.SENT;
    }

    /** PUBACKs the oldest {@code n} publishes in flight. */
    void ack(int n) {
        for (int i = 0; i < n; i++) {
            Send s;
            synchronized (this) {
                s = unacknowledged.remove(0);
            }
            s.acknowledgement().acknowledged(s.queued().position(), true);
        }
    }

    /** The broker refuses the oldest publish in flight (a PUBACK reason code of 0x80 or more). */
    void refuseOldest() {
        Send s;
        synchronized (this) {
            s = unacknowledged.remove(0);
        }
        s.acknowledgement().acknowledged(s.queued().position(), false);
    }

    /** The connection drops; Paho forgets the in-flight tokens and a new connection comes up. */
    synchronized void reconnect() {
        unacknowledged.clear();
        connection++;
    }

    synchronized int inFlight() {
        return unacknowledged.size();
    }

    synchronized List<Long> sentPositions() {
        return sent.stream().map(s -> s.queued().position()).toList();
    }
}
