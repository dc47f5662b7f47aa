package dev.carrel.hub.monitoring;

import static dev.carrel.hub.monitoring.MonitoringFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Endpoint;
import dev.carrel.protocol.Event;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.EventIds;
import dev.carrel.protocol.Status;
import dev.carrel.protocol.Telemetry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts open on their cause, open once however often it is seen, and resolve themselves when it clears. */
class AlertRulesTest {
    private static final AgentId AGENT = AgentId.of("reading-room-2");

    @TempDir
    Path dir;

    private MonitoringFixture f;

    @BeforeEach
    void open() throws Exception {
        f = new MonitoringFixture(dir);
        f.deliver(AGENT, birth(1));
    }

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    @Test
    void offline_opensOnlyAfterTheConfiguredTime_andResolvesWhenTheAgentIsBack() throws Exception {
        f.deliver(AGENT, new Status.Death(1));

        f.clock.advance(f.settings.offlineAfter().minusSeconds(1));
        f.sweep();
        assertEquals(List.of(), alerts());

        f.clock.advance(Duration.ofSeconds(2));
        f.sweep();
        f.sweep();
        Alert offline = only(AlertKind.OFFLINE);
        assertEquals(AlertState.OPEN, offline.state());
        assertTrue(offline.active());

        f.deliver(AGENT, birth(2));
        Alert resolved = f.alerts.find(offline.id()).orElseThrow();
        assertEquals(AlertState.RESOLVED, resolved.state());
        assertEquals(Optional.of("cleared"), resolved.resolution());
        assertFalse(resolved.active());
    }

    @Test
    void lateWillOfAnOlderSession_opensNoOfflineAlert() throws Exception {
        f.deliver(AGENT, birth(2));
        f.deliver(AGENT, new Status.Death(1));

        f.clock.advance(Duration.ofHours(1));
        f.sweep();

        assertEquals(List.of(), alerts());
    }

    @Test
    void readerFault_opensPerEndpointAndCode_onceAndResolvesWhenCleared() throws Exception {
        f.deliver(AGENT, fault("reader-1", "serial_lost", false));
        f.deliver(AGENT, fault("reader-1", "serial_lost", false));
        f.deliver(AGENT, fault("lamp-1", "relay_stuck", false));

        List<Alert> open = alerts();
        assertEquals(2, open.size());
        Alert reader = only(AlertKind.READER_FAULT);
        assertEquals("reader-1/serial_lost", reader.subject());
        assertTrue(reader.message().contains("No bytes"), reader.message());
        assertEquals("lamp-1/relay_stuck", only(AlertKind.DEVICE_FAULT).subject());

        f.deliver(AGENT, fault("reader-1", "serial_lost", true));

        assertEquals(
                AlertState.RESOLVED, f.alerts.find(reader.id()).orElseThrow().state());
        assertEquals(AlertState.OPEN, only(AlertKind.DEVICE_FAULT).state());
    }

    @Test
    void outboxBacklog_opensAtTheThreshold_andResolvesOnceDrainedToHalf() throws Exception {
        f.deliver(AGENT, telemetry(1500, 50.0));
        Alert backlog = only(AlertKind.OUTBOX_BACKLOG);
        assertTrue(backlog.message().contains("1500"), backlog.message());

        f.deliver(AGENT, telemetry(800, 50.0));
        assertEquals(AlertState.OPEN, f.alerts.find(backlog.id()).orElseThrow().state());

        f.deliver(AGENT, telemetry(400, 50.0));
        assertEquals(
                AlertState.RESOLVED, f.alerts.find(backlog.id()).orElseThrow().state());
    }

    @Test
    void highTemperature_opensAtTheThreshold_andResolvesFiveDegreesBelow() throws Exception {
        f.deliver(AGENT, telemetry(0, 82.5));
        Alert hot = only(AlertKind.HIGH_TEMPERATURE);

        f.deliver(AGENT, telemetry(0, 77.0));
        assertEquals(AlertState.OPEN, f.alerts.find(hot.id()).orElseThrow().state());

        f.deliver(AGENT, telemetry(0, 74.0));
        assertEquals(AlertState.RESOLVED, f.alerts.find(hot.id()).orElseThrow().state());
    }

    @Test
    void acknowledged_staysAcknowledged_untilTheCauseClears() throws Exception {
        f.deliver(AGENT, telemetry(0, 90.0));
        Alert hot = only(AlertKind.HIGH_TEMPERATURE);

        Alert acknowledged = f.writer
                .call("ack", c -> f.alerts.acknowledge(c, hot.id(), f.clock.instant()))
                .get(5, TimeUnit.SECONDS)
                .orElseThrow();
        f.deliver(AGENT, telemetry(0, 91.0));

        assertEquals(AlertState.ACKNOWLEDGED, acknowledged.state());
        assertEquals(Optional.of(T0), acknowledged.acknowledged());
        assertEquals(
                AlertState.ACKNOWLEDGED, f.alerts.find(hot.id()).orElseThrow().state());

        f.deliver(AGENT, telemetry(0, 60.0));
        assertEquals(AlertState.RESOLVED, f.alerts.find(hot.id()).orElseThrow().state());
    }

    @Test
    void resolvedByStaffWhileTheCauseLasts_staysResolved_untilTheCauseClearsAndComesBack() throws Exception {
        f.deliver(AGENT, telemetry(5000, 40.0));
        Alert first = only(AlertKind.OUTBOX_BACKLOG);

        Alert resolved = f.writer
                .call("resolve", c -> f.alerts.resolve(c, first.id(), f.clock.instant()))
                .get(5, TimeUnit.SECONDS)
                .orElseThrow();
        f.deliver(AGENT, telemetry(6000, 40.0));

        assertEquals(Optional.of("staff"), resolved.resolution());
        assertEquals(1, alerts().size(), "no new alert while the same cause lasts");

        f.deliver(AGENT, telemetry(0, 40.0));
        f.deliver(AGENT, telemetry(7000, 40.0));
        assertEquals(2, alerts().size(), "the cause came back");
        assertEquals(
                Optional.of("staff"), f.alerts.find(first.id()).orElseThrow().resolution());
    }

    @Test
    void list_filtersByStateAndAgent() throws Exception {
        f.deliver(AGENT, telemetry(5000, 90.0));
        AgentId other = AgentId.of("gate-1");
        f.deliver(other, birth(1));
        f.deliver(other, telemetry(5000, 20.0));

        assertEquals(3, alerts().size());
        assertEquals(
                2,
                f.alerts
                        .list(new AlertStore.Query(Optional.empty(), Optional.of(AGENT.value()), 10))
                        .size());
        assertEquals(
                0,
                f.alerts
                        .list(new AlertStore.Query(Optional.of(AlertState.RESOLVED), Optional.empty(), 10))
                        .size());
        assertEquals(
                1,
                f.alerts
                        .list(new AlertStore.Query(Optional.empty(), Optional.empty(), 1))
                        .size());
    }

    private List<Alert> alerts() throws Exception {
        return f.alerts.list(new AlertStore.Query(Optional.empty(), Optional.empty(), 100));
    }

    private Alert only(AlertKind kind) throws Exception {
        List<Alert> of = alerts().stream().filter(a -> a.kind() == kind).toList();
        assertEquals(1, of.size(), kind + ": " + of);
        return of.getFirst();
    }

    private Status.Birth birth(long session) {
        return new Status.Birth(
                session,
                "1.0.0",
                List.of(
                        new Endpoint("reader-1", Endpoint.Kind.CREDENTIAL_READER),
                        new Endpoint("lamp-1", Endpoint.Kind.LAMP)),
                f.clock.instant());
    }

    private Event fault(String endpoint, String code, boolean cleared) {
        return new Event(
                EventIds.system().next(),
                1,
                0,
                f.clock.instant(),
                new EventBody.Fault(
                        endpoint, code, EventBody.Fault.Severity.WARNING, "No bytes from /dev/ttyUSB0", cleared));
    }

    private Telemetry telemetry(long outbox, double celsius) {
        return new Telemetry(f.clock.instant(), 60, 1 << 20, 1 << 24, Optional.of(celsius), outbox, 0);
    }
}
