package dev.carrel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void next_withinOneMillisecond_isStrictlyIncreasingAndUnique() {
        Clock frozen = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);
        EventIds ids = new EventIds(frozen, new Random(7));
        List<EventId> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            made.add(ids.next());
        }
        for (int i = 1; i < made.size(); i++) {
            assertTrue(made.get(i - 1).compareTo(made.get(i)) < 0, "id " + i + " must sort after id " + (i - 1));
            assertTrue(made.get(i - 1).toString().compareTo(made.get(i).toString()) < 0, "string order too");
        }
        assertEquals(made.size(), new HashSet<>(made).size());
        assertEquals(Instant.parse("2026-11-23T09:00:00Z"), made.getFirst().time());
    }

    @Test
    void next_whenClockStepsBack_stillIncreases() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:01Z"));
        EventIds ids = new EventIds(clock, new Random(1));
        EventId before = ids.next();
        clock.now = Instant.parse("2026-11-23T09:00:00Z");
        EventId after = ids.next();
        assertTrue(before.compareTo(after) < 0);
    }

    @Test
    void next_makesVersion7RfcVariantIds() {
        EventId id = EventIds.system().next();
        assertEquals(7, id.value().version());
        assertEquals(2, id.value().variant());
        assertEquals(id, EventId.parse(id.toString()));
    }

    @Test
    void parse_rejectsOtherUuidVersionsAndGarbage() {
        assertThrows(
                InvalidFieldException.class,
                () -> EventId.parse(UUID.randomUUID().toString()));
        assertThrows(InvalidFieldException.class, () -> EventId.parse("not-a-uuid"));
        assertThrows(InvalidFieldException.class, () -> EventId.parse("1-1-1-1-1"));
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
