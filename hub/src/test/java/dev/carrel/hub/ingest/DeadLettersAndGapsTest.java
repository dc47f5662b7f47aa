package dev.carrel.hub.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.devices.AgentRegistry;
import dev.carrel.hub.devices.AgentView;
import dev.carrel.hub.store.Database;
import dev.carrel.hub.store.StoreWriter;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Event;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.EventIds;
import dev.carrel.protocol.Message;
import dev.carrel.protocol.Status;
import dev.carrel.protocol.WireCodec;
import dev.carrel.protocol.WireJson;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.MetricsConfig;
import io.helidon.metrics.api.MetricsFactory;
import io.helidon.service.registry.Services;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refused messages land in the dead-letter table; jumps in an agent's event sequence are counted. */
class DeadLettersAndGapsTest {
    private static final AgentId AGENT = AgentId.of("reading-room-2");
    private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");

    @TempDir
    Path dir;

    private final WireCodec codec = new WireCodec();
    private final MeterRegistry meters = Services.get(MetricsFactory.class).createMeterRegistry(MetricsConfig.create());
    private final IngestMetrics metrics = new IngestMetrics(meters);
    private final long deadLettersBefore = metrics.deadLetterCount();
    private Database database;
    private StoreWriter writer;
    private AgentRegistry registry;
    private DeadLetterStore deadLetters;
    private Ingest ingest;

    @BeforeEach
    void open() throws SQLException {
        ObjectMapper json = WireJson.mapper();
        database = Database.open(dir.resolve("hub.db"));
        writer = new StoreWriter(database, (what, e) -> {
            throw new AssertionError(what, e);
        });
        registry = new AgentRegistry(database, json);
        deadLetters = new SqliteDeadLetterStore(database);
        ingest = new Ingest(
                writer,
                registry,
                Ingest.Sinks.of(json, deadLetters, IngestObserver.NONE),
                metrics,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() throws SQLException {
        writer.close();
        database.close();
    }

    @Test
    void invalidPayload_isKeptWithAgentTopicReasonAndField_andAckedAfterThat() throws Exception {
        AtomicInteger acks = new AtomicInteger();
        String topic = "carrel/v1/agents/reading-room-2/events/lamp_state";
        byte[] payload = new String(codec.encode(event(1, 0)), StandardCharsets.UTF_8)
                .replace("\"seq\":0", "\"seq\":-3")
                .getBytes(StandardCharsets.UTF_8);

        ingest.accept(topic, payload, acks::incrementAndGet);
        writer.close();

        assertEquals(1, acks.get());
        DeadLetter letter = deadLetters.recent(10, Optional.empty()).getFirst();
        assertEquals(Optional.of("reading-room-2"), letter.agent());
        assertEquals(topic, letter.topic());
        assertEquals(NOW, letter.received());
        assertEquals("seq", letter.field());
        assertTrue(!letter.reason().isBlank(), letter.reason());
        assertArrayEquals(payload, letter.payload());
        assertEquals(1, metrics.deadLetterCount() - deadLettersBefore);
        assertEquals(0, registry.list().size(), "a refused message changes nothing else");
    }

    @Test
    void malformedTopic_isKept_withTheAgentOnlyWhenTheTopicNamesAValidOne() throws Exception {
        ingest.accept("carrel/v1/agents/gate-1/nonsense", bytes("{}"), () -> {});
        ingest.accept("carrel/v1/agents/Gate 1/status", bytes("{}"), () -> {});
        ingest.accept("elsewhere/x", bytes("hello"), () -> {});
        writer.close();

        List<DeadLetter> letters = deadLetters.recent(10, Optional.empty());
        assertEquals(3, letters.size());
        assertTrue(letters.stream().allMatch(l -> l.field().equals("topic")));
        assertEquals(1, deadLetters.recent(10, Optional.of("gate-1")).size());
        assertEquals(2, letters.stream().filter(l -> l.agent().isEmpty()).count());
    }

    @Test
    void largePayload_isCappedButItsRealSizeKept() throws Exception {
        byte[] big = new byte[100 * 1024];
        Arrays.fill(big, (byte) 'x');

        ingest.accept("carrel/v1/agents/reading-room-2/telemetry", big, () -> {});
        writer.close();

        DeadLetter letter = deadLetters.recent(1, Optional.empty()).getFirst();
        assertEquals(DeadLetter.MAX_PAYLOAD, letter.payload().length);
        assertEquals(big.length, letter.payloadSize());
        assertTrue(letter.truncated());
    }

    @Test
    void recent_isNewestFirstAndLimited() throws Exception {
        for (int i = 0; i < 5; i++) {
            ingest.accept("carrel/v1/agents/reading-room-2/status", bytes("bad " + i), () -> {});
        }
        writer.close();

        List<DeadLetter> two = deadLetters.recent(2, Optional.empty());
        assertEquals(2, two.size());
        assertEquals("bad 4", new String(two.getFirst().payload(), StandardCharsets.UTF_8));
    }

    @Test
    void sequence_jumpWithinASession_isCountedMissing_andALateEventFillsIt() throws Exception {
        deliver(new Status.Birth(1, "1.0.0", List.of(), NOW));
        long gapsBefore = gaps();
        deliver(event(1, 0));
        deliver(event(1, 1));
        deliver(event(1, 4)); // 2 and 3 not (yet) here
        writer.close();

        AgentView view = registry.find(AGENT).orElseThrow();
        assertEquals(2, view.eventsMissing());
        assertEquals(1, view.eventSession());
        assertEquals(4, view.lastSeq());
        assertEquals(1, gaps() - gapsBefore);

        reopenWriter();
        deliver(event(1, 2)); // late, re-sent from the outbox
        deliver(event(2, 0)); // the agent reconnected: a new session starts at 0
        writer.close();

        view = registry.find(AGENT).orElseThrow();
        assertEquals(1, view.eventsMissing(), "seq 3 of session 1 is still missing");
        assertEquals(2, view.eventSession());
        assertEquals(0, view.lastSeq());
    }

    @Test
    void sequence_duplicateEvent_isNotCountedTwice() throws Exception {
        Event e0 = event(1, 0);
        deliver(e0);
        deliver(e0);
        deliver(event(1, 1));
        writer.close();

        // No birth: the registry has no row for the agent, but its sequence is tracked all the same.
        long missing = database.read(c -> {
            try (var s = c.prepareStatement("SELECT max_seq + 1 - received FROM event_sessions WHERE agent_id = ?")) {
                s.setString(1, AGENT.value());
                try (var rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        assertEquals(0, missing);
    }

    private void reopenWriter() throws SQLException {
        writer = new StoreWriter(database, (what, e) -> {
            throw new AssertionError(what, e);
        });
        ingest = new Ingest(
                writer,
                registry,
                Ingest.Sinks.of(WireJson.mapper(), deadLetters, IngestObserver.NONE),
                metrics,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private long gaps() {
        return meters.counter("carrel.ingest.sequence.gaps", List.of())
                .map(c -> c.count())
                .orElse(0L);
    }

    private void deliver(Message message) {
        ingest.accept(WireCodec.topicFor(AGENT, message).toString(), codec.encode(message), () -> {});
    }

    private static Event event(long session, long seq) {
        return new Event(EventIds.system().next(), session, seq, NOW, new EventBody.LampState("lamp-1", true, 100));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
