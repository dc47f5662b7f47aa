package dev.carrel.protocol;

import java.time.Instant;
import java.util.List;

/**
 * The retained {@code status} topic: a birth when an agent connects, and the same topic as its Last Will.
 *
 * <p>{@code session} counts the agent's connects and survives restarts. A status applies only if its session
 * is at least the last one seen, so a Last Will that the broker delivers late, after the agent's next birth,
 * never marks a live agent offline.
 */
public sealed interface Status extends Message {

    long session();

    /** Published retained right after each connect. */
    record Birth(long session, String version, List<Endpoint> endpoints, Instant ts) implements Status {
        public Birth {
            Check.range("session", session, 1, Long.MAX_VALUE);
            Check.text("version", version, 64);
            endpoints = Check.list("endpoints", endpoints, 1024);
            Check.present("ts", ts);
        }
    }

    /** The Last Will: published by the broker when the agent drops without a clean DISCONNECT. */
    record Death(long session) implements Status {
        public Death {
            Check.range("session", session, 1, Long.MAX_VALUE);
        }
    }
}
