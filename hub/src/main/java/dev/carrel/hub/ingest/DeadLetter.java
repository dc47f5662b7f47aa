package dev.carrel.hub.ingest;

import java.time.Instant;
import java.util.Optional;

/**
 * A message the contract refused, as kept in the dead-letter store.
 *
 * @param id the store's id; 0 before it is stored
 * @param agent the agent named by the topic, when the topic named a valid one
 * @param field the offending field's path ({@code body.score}), {@code $} for the payload as a whole, or
 *     {@code topic}
 * @param payload the payload's first bytes, at most {@link #MAX_PAYLOAD}
 * @param payloadSize the payload's real size
 */
public record DeadLetter(
        long id,
        Instant received,
        Optional<String> agent,
        String topic,
        String reason,
        String field,
        byte[] payload,
        int payloadSize) {

    /** How much of a refused payload is kept: enough to see what is wrong, not a way to fill the disk. */
    public static final int MAX_PAYLOAD = 64 * 1024;

    public DeadLetter {
        agent = agent == null ? Optional.empty() : agent;
        payload = payload == null ? new byte[0] : payload;
    }

    /** A new dead letter, its payload capped. */
    static DeadLetter of(
            Instant received, Optional<String> agent, String topic, String field, String reason, byte[] payload) {
        byte[] bytes = payload == null ? new byte[0] : payload;
        byte[] kept = bytes.length <= MAX_PAYLOAD ? bytes.clone() : java.util.Arrays.copyOf(bytes, MAX_PAYLOAD);
        return new DeadLetter(0, received, agent, topic, reason, field, kept, bytes.length);
    }

    public boolean truncated() {
        return payload.length < payloadSize;
    }
}
