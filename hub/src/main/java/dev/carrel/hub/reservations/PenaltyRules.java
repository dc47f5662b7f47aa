package dev.carrel.hub.reservations;

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
                (int) BookingRules.range(c, "violations", violations, 1, 100),
                BookingRules.positive(c, "within", within),
                BookingRules.positive(c, "ban", ban),
                BookingRules.positive(c, "repeat-ban", repeatBan),
                BookingRules.positive(c, "repeat-within", repeatWithin));
    }
}
