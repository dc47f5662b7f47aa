package dev.carrel.protocol;

import java.time.Instant;
import java.util.Map;

/** The hub's full desired state and configuration for one agent, retained on {@code twin/desired}. */
public record TwinDesired(long version, Map<String, Object> state, Instant ts) implements Message {

    public TwinDesired {
        Check.range("version", version, 1, Long.MAX_VALUE);
        state = TwinState.copy("state", state);
        Check.present("ts", ts);
    }
}
