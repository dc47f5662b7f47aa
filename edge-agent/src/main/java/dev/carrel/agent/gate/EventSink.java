package dev.carrel.agent.gate;

import dev.carrel.protocol.EventBody;

/**
 * Where the gate records its events (the agent's outbox, in production). Called on the thread that decided,
 * after the relay has pulsed; it should not block for long.
 */
@FunctionalInterface
public interface EventSink {
    void publish(EventBody body);
}
