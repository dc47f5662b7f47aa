package dev.carrel.agent.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.agent.Events;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.Event;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.EventIds;
import dev.carrel.protocol.Topic;
import dev.carrel.protocol.WireCodec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Events} on a real outbox file: envelopes, sequence across restarts, the outbox_full alert. */
class EventsTest {
    private static final AgentId AGENT = AgentId.of("gate-1");
    private static final CredentialHash CREDENTIAL = new CredentialHash("ab".repeat(32));

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));
    private final AtomicLong session = new AtomicLong();
    private final WireCodec codec = new WireCodec();

    private Events events(Outbox outbox) {
        OutboxDrain drain = new OutboxDrain(outbox, new FakeLink(), 4, "test"); // never started: nothing leaves
        return new Events(outbox, drain, session::get, new EventIds(clock, new SplittableRandom(1)), clock);
    }

    private static EventBody gate() {
        return new EventBody.GateDecision(
                "gate-1",
                CREDENTIAL,
                EventBody.GateDecision.Decision.ALLOW,
                EventBody.GateDecision.Reason.ALLOW_LISTED,
                EventBody.GateDecision.Source.LOCAL);
    }

    private static EventBody presence() {
        return new EventBody.PresenceChanged("desk-1-radar", true, Optional.empty());
    }

    @Test
    void publish_commitsTheEnvelope_beforeReturning_withSessionOneBeforeTheFirstConnect() {
        Path file = dir.resolve("outbox.db");
        Event first;
        Event second;
        try (Events events = events(SqliteOutbox.open(file, OutboxBudget.DEFAULT))) {
            first = events.publish(gate());
            second = events.publish(presence());
            assertEquals(2, events.pending());
        }
        assertEquals(1, first.session());
        assertEquals(List.of(0L, 1L), List.of(first.seq(), second.seq()));
        try (SqliteOutbox outbox = SqliteOutbox.open(file, OutboxBudget.DEFAULT)) {
            List<Event> stored = stored(outbox);
            assertEquals(List.of(first, second), stored);
            assertEquals(Retention.NEVER_DROP, outbox.peek(0, 1).get(0).entry().retention());
        }
    }

    @Test
    void seq_continuesAfterARestartInTheSameSession_andStartsAtZeroInANewOne() {
        Path file = dir.resolve("outbox.db");
        session.set(5);
        try (Events events = events(SqliteOutbox.open(file, OutboxBudget.DEFAULT))) {
            events.publish(gate());
            events.publish(gate());
        }
        try (Events events = events(SqliteOutbox.open(file, OutboxBudget.DEFAULT))) {
            assertEquals(2, events.publish(gate()).seq());
            session.set(6);
            Event next = events.publish(gate());
            assertEquals(6, next.session());
            assertEquals(0, next.seq());
        }
    }

    @Test
    void fullBudget_dropsTelemetry_keepsGateEvents_andRaisesOutboxFull_atMostOncePerMinute() {
        try (SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("outbox.db"), new OutboxBudget(4, 1_000_000));
                Events events = events(outbox)) {
            events.publish(gate());
            for (int i = 0; i < 3; i++) {
                events.publish(presence());
            }
            events.publish(gate()); // evicts a presence, then the alert evicts another
            events.publish(gate()); // evicts the last presence: no second alert within the minute
            assertEquals(3, events.dropped());
            List<Event> stored = stored(outbox);
            assertEquals(
                    List.of("gate_decision", "gate_decision", "fault", "gate_decision"),
                    stored.stream().map(e -> e.type().wire()).toList());
            EventBody.Fault fault = (EventBody.Fault) stored.get(2).body();
            assertEquals(Events.OUTBOX_FULL, fault.code());
            assertTrue(fault.message().contains("1 events dropped"), fault.message());

            events.publish(gate()); // over budget, nothing droppable left: stored anyway
            clock.advance(Duration.ofSeconds(61));
            events.publish(presence()); // refused: the budget is full of gate events
            long alerts = stored(outbox).stream()
                    .filter(e -> e.body() instanceof EventBody.Fault)
                    .count();
            assertEquals(2, alerts, "a new minute, a new drop, a new alert");
            assertEquals(4, events.dropped());
        }
    }

    private List<Event> stored(Outbox outbox) {
        return outbox.peek(0, 100).stream()
                .map(q -> {
                    try {
                        return codec.decode(
                                Topic.event(AGENT, q.entry().type()), q.entry().payload(), Event.class);
                    } catch (dev.carrel.protocol.PayloadException e) {
                        throw new AssertionError(e);
                    }
                })
                .toList();
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
