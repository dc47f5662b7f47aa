package dev.carrel.hub.control;

import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code carrel_commands{state=pending|applied|failed|expired}}: the hub's commands by state, counted from the
 * command store at each scrape. Removed on {@link #close()}, since Helidon keeps meters by name.
 */
final class CommandMetrics implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CommandMetrics.class.getName());

    private final MeterRegistry meters;
    private final List<Meter> gauges = new ArrayList<>();

    CommandMetrics(MeterRegistry meters, CommandStore store) {
        this.meters = meters;
        for (TrackedCommand.State state : TrackedCommand.State.values()) {
            List<Tag> tags = List.of(Tag.create("state", state.wire()));
            meters.remove("carrel.commands", tags);
            gauges.add(meters.getOrCreate(Gauge.builder("carrel.commands", () -> count(store, state))
                    .description("Commands to agents by state")
                    .tags(tags)));
        }
    }

    private static double count(CommandStore store, TrackedCommand.State state) {
        try {
            return store.countByState().getOrDefault(state, 0L);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINE, "cannot count commands", e);
            return Double.NaN;
        }
    }

    @Override
    public void close() {
        gauges.forEach(meters::remove);
    }
}
