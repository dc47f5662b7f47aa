package dev.carrel.protocol;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Makes {@link EventId}s that are strictly increasing from one generator, even within one millisecond or when
 * the clock steps back: RFC 9562 §6.2 method 2, the 74 random bits used as a counter seeded afresh at each
 * new millisecond. Thread-safe.
 */
public final class EventIds {
    private static final long RAND_A_MASK = 0xFFFL;
    private static final long RAND_B_MASK = 0x3FFF_FFFF_FFFF_FFFFL;

    private final Clock clock;
    private final RandomGenerator random;
    private long lastMillis = -1;
    private long randA;
    private long randB;

    public EventIds(Clock clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
    }

    public static EventIds system() {
        return new EventIds(Clock.systemUTC(), new SecureRandom());
    }

    public synchronized EventId next() {
        long now = clock.millis();
        if (now > lastMillis) {
            lastMillis = now;
            // Seed the counter in the lower half so a burst in one millisecond cannot overflow it.
            randA = random.nextLong() & (RAND_A_MASK >>> 1);
            randB = random.nextLong() & RAND_B_MASK;
        } else if (++randB > RAND_B_MASK) {
            randB = 0;
            if (++randA > RAND_A_MASK) {
                // 2^74 ids in one millisecond: borrow the next millisecond rather than repeat.
                lastMillis++;
                randA = 0;
            }
        }
        long msb = (lastMillis << 16) | (0x7L << 12) | randA;
        long lsb = (0x2L << 62) | randB;
        return new EventId(new UUID(msb, lsb));
    }
}
