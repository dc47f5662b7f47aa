package dev.carrel.agent.control;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The closing times the hub pushed in the desired twin ({@code schedule.closings}): at {@code warnAt} the
 * held seats' lamps blink, at {@code closeAt} every seat is released and power goes off. The agent keeps
 * following it when the hub is unreachable.
 */
public record ClosingSchedule(List<Closing> closings) {
    private static final Logger LOG = Logger.getLogger(ClosingSchedule.class.getName());

    /** A closing is acted on only this long after its time: a restart next morning must not close again. */
    static final Duration LATE_LIMIT = Duration.ofMinutes(10);

    public static final ClosingSchedule NONE = new ClosingSchedule(List.of());

    public record Closing(Instant warnAt, Instant closeAt) {
        public Closing {
            if (warnAt.isAfter(closeAt)) {
                throw new IllegalArgumentException("warnAt " + warnAt + " is after closeAt " + closeAt);
            }
        }
    }

    public ClosingSchedule {
        closings = List.copyOf(closings);
    }

    /** Reads the twin's {@code schedule} value leniently: a malformed closing is skipped with a warning. */
    static ClosingSchedule from(Object schedule) {
        if (!(schedule instanceof Map<?, ?> s) || !(s.get("closings") instanceof List<?> list)) {
            return NONE;
        }
        List<Closing> out = new ArrayList<>();
        for (Object o : list) {
            try {
                if (o instanceof Map<?, ?> c) {
                    out.add(new Closing(
                            Instant.parse(String.valueOf(c.get("warnAt"))),
                            Instant.parse(String.valueOf(c.get("closeAt")))));
                    continue;
                }
            } catch (DateTimeParseException | IllegalArgumentException e) {
                // reported below
            }
            LOG.warning(() -> "desired twin: skipped a malformed closing " + o);
        }
        return new ClosingSchedule(out);
    }

    /** What is due in the window {@code (since, now]}. */
    public Due due(Instant since, Instant now) {
        boolean warn = false;
        boolean close = false;
        for (Closing c : closings) {
            warn |= within(c.warnAt(), since, now) && now.isBefore(c.closeAt());
            close |= within(c.closeAt(), since, now);
        }
        return new Due(warn, close);
    }

    private static boolean within(Instant at, Instant since, Instant now) {
        return at.isAfter(since)
                && !at.isAfter(now)
                && Duration.between(at, now).compareTo(LATE_LIMIT) <= 0;
    }

    public record Due(boolean warn, boolean close) {}
}
