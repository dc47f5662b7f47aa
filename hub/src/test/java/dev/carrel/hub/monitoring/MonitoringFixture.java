package dev.carrel.hub.monitoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.devices.AgentRegistry;
import dev.carrel.hub.ingest.Ingest;
import dev.carrel.hub.ingest.IngestMetrics;
import dev.carrel.hub.ingest.SqliteDeadLetterStore;
import dev.carrel.hub.store.Database;
import dev.carrel.hub.store.StoreWriter;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Message;
import dev.carrel.protocol.WireCodec;
import dev.carrel.protocol.WireJson;
import io.helidon.metrics.api.MetricsConfig;
import io.helidon.metrics.api.MetricsFactory;
import io.helidon.service.registry.Services;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Ingest, alert rules, stores and jobs wired by hand to a real SQLite file, with a clock the test moves. */
final class MonitoringFixture implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    final MovableClock clock = new MovableClock(T0);
    final MonitoringSettings settings = MonitoringSettings.defaults();
    final Database database;
    final StoreWriter writer;
    final AgentRegistry registry;
    final SqliteAlertStore alerts;
    final SqliteTelemetryStore telemetry;
    final MonitoringJobs jobs;
    private final Ingest ingest;
    private final WireCodec codec = new WireCodec();

    MonitoringFixture(Path dir) throws SQLException {
        ObjectMapper json = WireJson.mapper();
        database = Database.open(dir.resolve("hub.db"));
        writer = new StoreWriter(database, (what, e) -> {
            throw new AssertionError(what, e);
        });
        registry = new AgentRegistry(database, json);
        alerts = new SqliteAlertStore(database);
        telemetry = new SqliteTelemetryStore(database);
        SqliteDeadLetterStore deadLetters = new SqliteDeadLetterStore(database);
        AlertRules rules = new AlertRules(alerts, registry, settings);
        ingest = new Ingest(
                writer,
                registry,
                Ingest.Sinks.of(json, deadLetters, rules),
                new IngestMetrics(Services.get(MetricsFactory.class).createMeterRegistry(MetricsConfig.create())),
                clock);
        jobs = new MonitoringJobs(writer, rules, new Retention(telemetry, deadLetters, settings), clock);
    }

    /** Delivers a message from the agent as the MQTT client would, and waits for its commit. */
    void deliver(AgentId agent, Message message) throws InterruptedException {
        CountDownLatch acked = new CountDownLatch(1);
        ingest.accept(WireCodec.topicFor(agent, message).toString(), codec.encode(message), acked::countDown);
        if (!acked.await(5, TimeUnit.SECONDS)) {
            throw new AssertionError("not committed: " + message);
        }
    }

    void sweep() throws Exception {
        jobs.sweep().get(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws SQLException {
        jobs.close();
        writer.close();
        database.close();
    }
}
