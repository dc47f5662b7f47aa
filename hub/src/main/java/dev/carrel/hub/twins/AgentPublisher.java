package dev.carrel.hub.twins;

import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Message;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends a hub-to-agent message (QoS 1) to one agent's topic. Returns at once: the message is queued and
 * sent in order; if the broker is unreachable it is dropped and logged, which is safe because desired twins
 * are re-published on every (re)connect and an unsent command simply expires.
 */
public interface AgentPublisher {

    /**
     * @param retained true for {@code twin/desired}, so an agent that subscribes later still gets it
     * @param expiry the MQTT 5 Message Expiry Interval (§3.3.2.3.3): the broker drops the message after it
     */
    void publish(AgentId agent, Message message, boolean retained, Optional<Duration> expiry);
}
