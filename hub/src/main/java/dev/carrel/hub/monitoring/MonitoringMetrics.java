package dev.carrel.hub.monitoring;

import dev.carrel.hub.devices.AgentRegistry;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code carrel_agents_online} gauge, read from the registry at each scrape. Removed again on
 * {@link #close()}: Helidon keeps meters by name, so a gauge left behind would keep reading a closed hub.
 */
public final class MonitoringMetrics implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MonitoringMetrics.class.getName());

    private final MeterRegistry meters;
    private final Meter online;

    public MonitoringMetrics(MeterRegistry meters, AgentRegistry registry) {
        this.meters = meters;
        meters.remove("carrel.agents.online", List.of());
        this.online = meters.getOrCreate(Gauge.builder("carrel.agents.online", () -> online(registry))
                .description("Agents whose last status is a birth"));
    }

    private static double online(AgentRegistry registry) {
        try {
            return registry.countOnline();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINE, "cannot count online agents", e);
            return Double.NaN;
        }
    }

    @Override
    public void close() {
        meters.remove(online);
    }
}
