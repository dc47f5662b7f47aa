package dev.carrel.agent.mqtt;

import dev.carrel.protocol.Topic;
import java.util.Optional;

/**
 * A message the hub sent to this agent, as it arrived: its topic, raw payload, and the MQTT 5
 * request/response properties (§4.10) when the sender set them. Decoding is the handler's job, so a
 * malformed payload is answered by the feature it was meant for.
 */
public record Inbound(
        Topic topic,
        byte[] payload,
        Optional<String> responseTopic,
        Optional<byte[]> correlationData,
        Optional<Long> messageExpirySeconds) {}
