package dev.carrel.agent.outbox;

/**
 * The way out of the outbox: MQTT at QoS 1 in the agent ({@link MqttOutboxLink}), a fake in tests.
 */
public interface OutboxLink {

    /** What became of a send. */
    enum Sent {
        /** On its way; the callback will say whether the broker took it. */
        SENT,
        /** The client has as many publishes in flight as the broker allows (Paho 32202); try again soon. */
        BUSY,
        /** Not connected; try again after the next connect. */
        DOWN,
        /** The stored bytes cannot be read back as an event: it will never be sendable. */
        UNREADABLE
    }

    /** Told exactly once per {@link Sent#SENT} send. */
    interface Acknowledgement {
        /**
         * @param delivered true on PUBACK with a success reason code (MQTT 5 §3.4.2.1); false when the publish
         *     failed or the broker refused it
         */
        void acknowledged(long position, boolean delivered);
    }

    /**
     * The connection's identity while it is up, e.g. the session number; a different value means a new
     * connection, after which everything unacknowledged must be sent again. 0 while down.
     */
    long connection();

    Sent send(Queued queued, Acknowledgement acknowledgement);
}
