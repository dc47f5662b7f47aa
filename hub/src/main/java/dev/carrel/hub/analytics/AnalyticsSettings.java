package dev.carrel.hub.analytics;

import dev.carrel.hub.HubConfig;
import io.helidon.config.Config;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Analytics and raw-event retention settings, read once and checked (docs/hub.md, "Configuration").
 *
 * @param retention raw gate and seat events older than this are rolled up and deleted
 *     ({@code carrel.privacy.retention}, at least 1 day)
 * @param rollupEvery how often new events are rolled up into the daily tables ({@code carrel.analytics.rollup-every})
 * @param retainEvery how often the retention job runs ({@code carrel.analytics.retain-every})
 * @param awardDailyCap verified seat time counted per patron and day at most, so a whole day at a desk cannot be
 *     gamed into a win ({@code carrel.analytics.award-daily-cap})
 * @param timezone where days and hours are counted ({@code carrel.analytics.timezone}); empty: the first site's
 */
public record AnalyticsSettings(
        Duration retention,
        Duration rollupEvery,
        Duration retainEvery,
        Duration awardDailyCap,
        Optional<ZoneId> timezone) {

    public AnalyticsSettings {
        if (retention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException(
                    "configuration key 'carrel.privacy.retention' must be at least 1d, not " + retention);
        }
        positive("carrel.analytics.rollup-every", rollupEvery);
        positive("carrel.analytics.retain-every", retainEvery);
        positive("carrel.analytics.award-daily-cap", awardDailyCap);
    }

    public static AnalyticsSettings defaults() {
        return new AnalyticsSettings(
                Duration.ofDays(180),
                Duration.ofMinutes(5),
                Duration.ofHours(1),
                Duration.ofHours(10),
                Optional.empty());
    }

    /** From the {@code carrel} section. */
    public static AnalyticsSettings from(Config carrel) {
        AnalyticsSettings d = defaults();
        Config a = carrel.get("analytics");
        Optional<ZoneId> zone = a.get("timezone")
                .asString()
                .asOptional()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> {
                    try {
                        return ZoneId.of(s);
                    } catch (DateTimeException e) {
                        throw new IllegalArgumentException(
                                "configuration key 'carrel.analytics.timezone' is not a time zone: '" + s + "'");
                    }
                });
        return new AnalyticsSettings(
                HubConfig.duration(carrel.get("privacy"), "retention", d.retention()),
                HubConfig.duration(a, "rollup-every", d.rollupEvery()),
                HubConfig.duration(a, "retain-every", d.retainEvery()),
                HubConfig.duration(a, "award-daily-cap", d.awardDailyCap()),
                zone);
    }

    private static void positive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("configuration key '" + key + "' must be positive, not " + value);
        }
    }
}
