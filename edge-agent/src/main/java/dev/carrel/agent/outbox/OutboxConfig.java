package dev.carrel.agent.outbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the outbox lives and how it behaves.
 *
 * @param window most event publishes in flight (see {@link OutboxDrain})
 */
public record OutboxConfig(Path file, OutboxBudget budget, int window) {
    /**
     * Below Mosquitto's default Receive Maximum of 20 (STACK "Pitfall"), leaving room for the agent's other
     * QoS 1 messages; a broker that allows less makes the window shrink by itself.
     */
    public static final int DEFAULT_WINDOW = 16;

    public OutboxConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(budget, "budget");
        if (window < 1 || window > 65_535) {
            throw new IllegalArgumentException("outbox window must be 1-65535, got " + window);
        }
    }

    /** The defaults: {@code outbox.db} in the agent's data folder, the default budget and window. */
    public static OutboxConfig in(Path dataDir) {
        return new OutboxConfig(dataDir.resolve("outbox.db"), OutboxBudget.DEFAULT, DEFAULT_WINDOW);
    }
}
