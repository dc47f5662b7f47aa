package dev.carrel.protocol;

import java.time.Instant;
import java.util.Map;

/**
 * What an agent really applied, retained on {@code twin/reported}; {@code appliedVersion} is the desired
 * version it last applied (0 before the first).
 */
public record TwinReported(long appliedVersion, Map<String, Object> state, Instant ts) implements Message {

    public TwinReported {
        Check.range("appliedVersion", appliedVersion, 0, Long.MAX_VALUE);
        state = TwinState.copy("state", state);
        Check.present("ts", ts);
    }
}
