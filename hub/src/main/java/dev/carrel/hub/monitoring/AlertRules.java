package dev.carrel.hub.monitoring;

import dev.carrel.hub.devices.AgentRegistry;
import dev.carrel.hub.ingest.IngestObserver;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Endpoint;
import dev.carrel.protocol.Event;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.Status;
import dev.carrel.protocol.Telemetry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;

/**
 * When alerts open and when they resolve themselves, evaluated inside the transaction of the message that
 * shows the cause (telemetry, a fault event, a birth) or by the periodic {@link #sweep}.
 *
 * <ul>
 *   <li>{@code offline}: the sweep raises it for agents offline longer than the setting; a birth clears it.
 *   <li>{@code reader_fault}, {@code device_fault}: a fault event of severity warning or critical raises it per
 *       endpoint and code; the same fault with {@code cleared: true} clears it.
 *   <li>{@code outbox_backlog}: telemetry with an outbox at the threshold raises it; at half of it, it clears.
 *   <li>{@code high_temperature}: telemetry at the threshold raises it; 5 °C below, it clears.
 * </ul>
 */
public final class AlertRules implements IngestObserver {
    private static final Logger LOG = Logger.getLogger(AlertRules.class.getName());

    private final AlertStore alerts;
    private final AgentRegistry registry;
    private final MonitoringSettings settings;

    public AlertRules(AlertStore alerts, AgentRegistry registry, MonitoringSettings settings) {
        this.alerts = alerts;
        this.registry = registry;
        this.settings = settings;
    }

    @Override
    public void status(Connection writer, AgentId agent, Status status, Instant now) throws SQLException {
        if (status instanceof Status.Birth && registry.online(writer, agent)) {
            clear(writer, AlertCause.of(agent.value(), AlertKind.OFFLINE), now);
        }
    }

    @Override
    public void event(Connection writer, AgentId agent, Event event, Instant now) throws SQLException {
        if (!(event.body() instanceof EventBody.Fault fault)) {
            return;
        }
        boolean reader = registry.endpointKind(writer, agent, fault.endpointId())
                .map(kind -> kind == Endpoint.Kind.CREDENTIAL_READER)
                .orElse(fault.endpointId().startsWith("reader"));
        AlertCause cause = new AlertCause(
                agent.value(),
                reader ? AlertKind.READER_FAULT : AlertKind.DEVICE_FAULT,
                fault.endpointId() + "/" + fault.code());
        if (fault.cleared()) {
            clear(writer, cause, now);
        } else if (fault.severity() != EventBody.Fault.Severity.INFO) {
            raise(
                    writer,
                    cause,
                    fault.endpointId() + " " + fault.code() + " ("
                            + fault.severity().name().toLowerCase(Locale.ROOT) + "): " + fault.message(),
                    now);
        }
    }

    @Override
    public void telemetry(Connection writer, AgentId agent, Telemetry t, Instant now) throws SQLException {
        AlertCause backlog = AlertCause.of(agent.value(), AlertKind.OUTBOX_BACKLOG);
        if (t.outboxDepth() >= settings.outboxBacklog()) {
            raise(
                    writer,
                    backlog,
                    "outbox holds " + t.outboxDepth() + " events (alert at " + settings.outboxBacklog() + ")",
                    now);
        } else if (t.outboxDepth() <= settings.outboxBacklog() / 2) {
            clear(writer, backlog, now);
        }
        if (t.cpuTemperatureC().isPresent()) {
            double celsius = t.cpuTemperatureC().get();
            AlertCause hot = AlertCause.of(agent.value(), AlertKind.HIGH_TEMPERATURE);
            if (celsius >= settings.highTemperatureC()) {
                raise(
                        writer,
                        hot,
                        String.format(
                                Locale.ROOT, "CPU at %.1f °C (alert at %.1f °C)", celsius, settings.highTemperatureC()),
                        now);
            } else if (celsius < settings.highTemperatureC() - MonitoringSettings.TEMPERATURE_HYSTERESIS_C) {
                clear(writer, hot, now);
            }
        }
    }

    /**
     * Raises {@code offline} for agents offline longer than the setting and clears it for those back online;
     * run periodically on the writer's connection.
     */
    public void sweep(Connection writer, Instant now) throws SQLException {
        Instant cutoff = now.minus(settings.offlineAfter());
        for (AgentRegistry.Offline agent : registry.offlineSince(writer, cutoff)) {
            raise(
                    writer,
                    AlertCause.of(agent.id().value(), AlertKind.OFFLINE),
                    "offline since " + agent.since() + " (alert after " + settings.offlineAfter() + ")",
                    now);
        }
        Set<AlertCause> active = alerts.active(writer, AlertKind.OFFLINE);
        for (AlertCause cause : active) {
            if (registry.online(writer, AgentId.of(cause.agent()))) {
                clear(writer, cause, now);
            }
        }
    }

    private void raise(Connection writer, AlertCause cause, String message, Instant now) throws SQLException {
        if (alerts.raise(writer, cause, message, now)) {
            LOG.warning(() -> "alert " + cause.kind().wire() + " for " + cause.agent() + ": " + message);
        }
    }

    private void clear(Connection writer, AlertCause cause, Instant now) throws SQLException {
        if (alerts.clear(writer, cause, now)) {
            LOG.info(() -> "alert " + cause.kind().wire() + " for " + cause.agent() + " cleared");
        }
    }
}
