package dev.carrel.agent.seats;

import java.time.Duration;

/**
 * The seat rules an agent applies by itself (LIBRARY.md: common values). Validated here so a bad config
 * file fails at start-up.
 *
 * @param absenceBeforeLeave no presence for this long starts a temporary leave by itself
 * @param leaveLength how long a temporary leave holds the seat
 * @param checkInGrace how long a check-in or reservation waits for presence before it is a no-show
 * @param maxLeaves temporary leaves a patron may take per session at the kiosk (automatic ones don't count)
 */
public record SeatRules(Duration absenceBeforeLeave, Duration leaveLength, Duration checkInGrace, int maxLeaves) {

    public static final SeatRules DEFAULTS =
            new SeatRules(Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofMinutes(15), 1);

    public SeatRules {
        positive(absenceBeforeLeave, "rules.absence-before-leave-minutes");
        positive(leaveLength, "rules.leave-minutes");
        positive(checkInGrace, "rules.check-in-grace-minutes");
        if (maxLeaves < 0 || maxLeaves > 10) {
            throw new IllegalArgumentException("configuration key 'rules.max-leaves' must be 0-10, not " + maxLeaves);
        }
    }

    private static void positive(Duration d, String key) {
        if (d == null || d.isNegative() || d.isZero() || d.toHours() > 24) {
            throw new IllegalArgumentException("configuration key '" + key + "' must be between 1 minute and 24 hours");
        }
    }
}
