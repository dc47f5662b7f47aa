package dev.carrel.hub.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.devices.AgentRegistry;
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
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.MetricsConfig;
import io.helidon.metrics.api.MetricsFactory;
import io.helidon.service.registry.Services;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest wired by hand to a real SQLite file, fed messages as the MQTT client would deliver them. */
class IngestTest {
    private static final AgentId AGENT = AgentId.of("reading-room-2");
    private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");

    @TempDir
    Path dir;

    private final WireCodec codec = new WireCodec();
    // Helidon's Micrometer provider shares meters between registries, so tests compare counts to a baseline.
    private final MeterRegistry meters = Services.get(MetricsFactory.class).createMeterRegistry(MetricsConfig.create());
    private final IngestMetrics metrics = new IngestMetrics(meters);
    private final AtomicInteger storeFailures = new AtomicInteger();
    private final long rejectedBefore = metrics.rejected();
    private final long acceptedBefore = metrics.acceptedCount();
    private final long duplicatesBefore = duplicates();
    private Database database;
    private StoreWriter writer;
    private AgentRegistry registry;
    private Ingest ingest;

    @BeforeEach
    void open() throws SQLException {
        ObjectMapper json = WireJson.mapper();
        database = Database.open(dir.resolve("hub.db"));
        writer = new StoreWriter(database, (what, e) -> storeFailures.incrementAndGet());
        registry = new AgentRegistry(database, json);
        ingest = new Ingest(writer, registry, json, metrics, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() throws SQLException {
        writer.close();
        database.close();
    }

    @Test
    void accept_malformedTopic_isCountedAckedOnceAndWritesNothing() throws SQLException {
        AtomicInteger acks = new AtomicInteger();

        ingest.accept("carrel/v1/agents/Reading Room/status", encode(birth()), acks::incrementAndGet);
        writer.close(); // commits anything that might have been queued

        assertEquals(1, acks.get());
        assertEquals(1, metrics.rejected() - rejectedBefore);
        assertEquals(0, metrics.acceptedCount() - acceptedBefore);
        assertEquals(0, rows("agents") + rows("events") + rows("telemetry"));
    }

    @Test
    void accept_malformedPayload_isCountedAckedOnceAndWritesNothing() throws SQLException {
        AtomicInteger acks = new AtomicInteger();
        String status = WireCodec.topicFor(AGENT, birth()).toString();

        ingest.accept(status, "{\"v\":1,\"session\":\"one\"}".getBytes(StandardCharsets.UTF_8), acks::incrementAndGet);
        ingest.accept(status, "not json".getBytes(StandardCharsets.UTF_8), acks::incrementAndGet);
        writer.close();

        assertEquals(2, acks.get());
        assertEquals(2, metrics.rejected() - rejectedBefore);
        assertEquals(0, rows("agents") + rows("events") + rows("telemetry"));
    }

    @Test
    void accept_birthThenEvent_storesBothAndAcksEachAfterItsCommit() throws Exception {
        Event event = event();
        List<String> seenAtAck = new CopyOnWriteArrayList<>();
        CountDownLatch acked = new CountDownLatch(2);

        deliver(birth(), () -> {
            seenAtAck.add("birth: agents=" + count("agents"));
            acked.countDown();
        });
        deliver(event, () -> {
            seenAtAck.add("event: events=" + count("events"));
            acked.countDown();
        });

        assertTrue(acked.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("birth: agents=1", "event: events=1"), seenAtAck);
        assertTrue(registry.find(AGENT).orElseThrow().online());
        assertEquals(2, metrics.acceptedCount() - acceptedBefore);
        assertEquals(0, metrics.rejected() - rejectedBefore);
        assertEquals(0, storeFailures.get());
    }

    @Test
    void accept_sameEventIdTwice_storesItOnceAndCountsADuplicate() throws Exception {
        Event event = event();
        CountDownLatch acked = new CountDownLatch(3);

        deliver(birth(), acked::countDown);
        deliver(event, acked::countDown);
        deliver(event, acked::countDown); // a QoS 1 re-delivery

        assertTrue(acked.await(5, TimeUnit.SECONDS));
        assertEquals(1, rows("events"));
        assertEquals(
                1,
                meters.counter("carrel.ingest.duplicates", List.of())
                        .map(Counter::count)
                        .orElseThrow());
        assertEquals(3, metrics.acceptedCount() - acceptedBefore);
    }

    @Test
    void accept_fromARevokedDevice_isAckedAndIgnored_notStored() throws Exception {
        ingest.ignoring(AGENT::equals);
        CountDownLatch acked = new CountDownLatch(2);

        deliver(birth(), acked::countDown);
        deliver(event(), acked::countDown);

        assertTrue(acked.await(5, TimeUnit.SECONDS));
        writer.close(); // commits what is queued: nothing may have been written for the device
        assertEquals(0, rows("agents"));
        assertEquals(0, rows("events"));
        assertEquals(2, metrics.rejected() - rejectedBefore);
    }

    private long duplicates() {
        return meters.counter("carrel.ingest.duplicates", List.of())
                .map(Counter::count)
                .orElseThrow();
    }

    private void deliver(Message message, Runnable ack) {
        ingest.accept(WireCodec.topicFor(AGENT, message).toString(), encode(message), ack);
    }

    private byte[] encode(Message message) {
        return codec.encode(message);
    }

    private static Status.Birth birth() {
        return new Status.Birth(1, "1.0.0", List.of(), NOW);
    }

    private static Event event() {
        return new Event(EventIds.system().next(), 1, 0, NOW, new EventBody.LampState("lamp-1", true, 100));
    }

    private String count(String table) {
        try {
            return Long.toString(rows(table));
        } catch (SQLException e) {
            return e.toString();
        }
    }

    private long rows(String table) throws SQLException {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM " + table);
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
