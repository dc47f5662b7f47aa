package dev.carrel.hub.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalyticsSettingsTest {
    private static AnalyticsSettings from(Map<String, String> keys) {
        return AnalyticsSettings.from(Config.just(ConfigSources.create(keys)).get("carrel"));
    }

    @Test
    void from_readsTheKeys_andDefaultsTheRest() {
        AnalyticsSettings s = from(Map.of("carrel.privacy.retention", "30d", "carrel.analytics.award-daily-cap", "6h"));
        assertEquals(Duration.ofDays(30), s.retention());
        assertEquals(Duration.ofHours(6), s.awardDailyCap());
        assertEquals(AnalyticsSettings.defaults().rollupEvery(), s.rollupEvery());
    }

    @Test
    void from_badValues_nameTheKey() {
        Map<String, String> bad = Map.of(
                "carrel.privacy.retention", "12h",
                "carrel.analytics.rollup-every", "soon",
                "carrel.analytics.award-daily-cap", "0s",
                "carrel.analytics.timezone", "Mars/Olympus");
        bad.forEach((key, value) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> from(Map.of(key, value)));
            assertTrue(e.getMessage().contains(key), key + ": " + e.getMessage());
        });
    }
}
