package dev.carrel.hub.reservations;

import dev.carrel.hub.ConfigValues;
import io.helidon.config.Config;
import java.time.Duration;

/**
 * When violations take booking away from a patron (LIBRARY.md: "3 violations in 30 days → 1 day without
 * booking"; exam weeks stricter). Violations are counted since the patron's last ban, within {@code within};
 * reaching {@code violations} bans booking for {@code ban}, or for {@code repeatBan} when the patron was
 * banned before within {@code repeatWithin}.
 */
public record PenaltyRules(int violations, Duration within, Duration ban, Duration repeatBan, Duration repeatWithin) {

    public static final PenaltyRules DEFAULTS =
            new PenaltyRules(3, Duration.ofDays(30), Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(90));

    /** Exam periods (schedule exceptions of kind {@code exam}): one violation is enough. */
    public static final PenaltyRules EXAM_DEFAULTS =
            new PenaltyRules(1, Duration.ofDays(30), Duration.ofDays(6), Duration.ofDays(14), Duration.ofDays(90));

    /** These rules with the keys present under {@code c} changed. */
    public PenaltyRules with(Config c) {
        return new PenaltyRules(
                ConfigValues.integer(c, "violations", violations, 1, 100),
                ConfigValues.duration(c, "within", within),
                ConfigValues.duration(c, "ban", ban),
                ConfigValues.duration(c, "repeat-ban", repeatBan),
                ConfigValues.duration(c, "repeat-within", repeatWithin));
    }
}
