package dev.carrel.agent.outbox;

import dev.carrel.protocol.EventId;
import dev.carrel.protocol.EventIds;
import java.time.Clock;
import java.util.SplittableRandom;

/** Makes outbox entries for tests: strictly increasing ids, one session, a payload of the asked size. */
final class Entries {
    private final EventIds ids = new EventIds(Clock.systemUTC(), new SplittableRandom(7));
    private long seq;

    OutboxEntry next(Retention retention, int size) {
        return next(retention, size, 1);
    }

    OutboxEntry next(Retention retention, int size, long session) {
        EventId id = ids.next();
        return new OutboxEntry(id, session, seq++, type(retention), retention, new byte[size]);
    }

    static String type(Retention retention) {
        return switch (retention) {
            case TELEMETRY -> "presence_changed";
            case RECORD -> "feedback";
            case NEVER_DROP -> "gate_decision";
        };
    }
}
