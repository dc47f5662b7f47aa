package dev.carrel.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.hub.access.AccessConfig;
import dev.carrel.hub.analytics.AnalyticsSettings;
import dev.carrel.hub.monitoring.MonitoringSettings;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/examples/hub.yaml stays valid as the code changes, its commented-out access section too; and the shipped
 * application.yaml states the code's own defaults, so neither documents a value the hub does not use.
 */
class ExampleHubConfigTest {
    private static final Path EXAMPLE = Path.of("..", "docs", "examples", "hub.yaml");

    /** A commented-out key line of the access section: {@code "  #   id: main-library"}. */
    private static final Pattern COMMENTED_KEY = Pattern.compile("(?m)^  # (\\s*[a-z0-9-]+:.*)$");

    @TempDir
    Path dir;

    @Test
    void example_readsThroughHubConfig() throws Exception {
        HubConfig config = HubConfig.from(exampleWithReadableSpacesFile());

        assertEquals(Path.of("/var/lib/carrel/hub"), config.dataDir());
        assertEquals(
                new HubConfig.Embedded("0.0.0.0", 1883, true, Optional.of(Path.of("/etc/carrel/broker-users"))),
                config.broker());
        assertEquals(new HubConfig.Subscriber("carrel-hub", "hub"), config.subscriber());
        MonitoringSettings m = config.monitoring();
        assertEquals(Duration.ofMinutes(2), m.offlineAfter());
        assertEquals(500, m.outboxBacklog());
        assertEquals(75.0, m.highTemperatureC());
        assertEquals(Duration.ofDays(365), m.keepBuckets());
        assertEquals(Duration.ofSeconds(15), m.sweepEvery());
        AnalyticsSettings a =
                AnalyticsSettings.from(exampleWithReadableSpacesFile().get("carrel"));
        assertEquals(Duration.ofDays(90), a.retention());
        assertEquals(Duration.ofHours(8), a.awardDailyCap());
        assertEquals(Optional.of(java.time.ZoneId.of("Europe/Berlin")), a.timezone());
    }

    @Test
    void shippedApplicationYaml_saysWhatTheCodeDefaultsTo() {
        Config shipped = Config.just(ConfigSources.classpath("application.yaml"));

        assertEquals(HubConfig.from(Config.empty()), HubConfig.from(shipped));
        assertEquals(MonitoringSettings.defaults(), HubConfig.from(shipped).monitoring());
        assertTrue(AccessConfig.from(shipped.get("carrel")).isEmpty());
        assertEquals(AnalyticsSettings.defaults(), AnalyticsSettings.from(shipped.get("carrel")));
    }

    @Test
    void example_leavesAccessOff() {
        Config root = Config.just(ConfigSources.file(EXAMPLE));

        assertTrue(AccessConfig.from(root.get("carrel")).isEmpty());
    }

    @Test
    void example_accessSectionUncommented_readsThroughAccessConfig() throws Exception {
        String text = Files.readString(EXAMPLE, StandardCharsets.UTF_8);
        int access = text.indexOf("  # site:");
        assertTrue(access > 0, "the example keeps a commented-out site section");
        Path uncommented = dir.resolve("hub.yaml");
        Files.writeString(
                uncommented,
                text.substring(0, access)
                        + COMMENTED_KEY.matcher(text.substring(access)).replaceAll("  $1"));

        AccessConfig config = AccessConfig.from(
                        Config.just(ConfigSources.file(uncommented)).get("carrel"))
                .orElseThrow();

        assertEquals("main-library", config.siteId());
        assertEquals(300, config.cacheSeconds());
        assertEquals(10, config.importRemovalLimitPercent());
        assertEquals(Duration.ofSeconds(60), config.passes().validity());
        assertEquals(
                Optional.of(java.net.URI.create("https://library.example.edu/pass/")),
                config.passes().publicUrl());
        assertEquals("ils.library.example", config.sip2().orElseThrow().host());
        assertEquals(Duration.ofMinutes(60), config.sip2().orElseThrow().refresh());
    }

    /** The example names /etc/carrel/spaces.yaml, which HubConfig requires to be readable: point it here. */
    private Config exampleWithReadableSpacesFile() throws Exception {
        Path spaces = Files.writeString(dir.resolve("spaces.yaml"), "agents: {}\n");
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(Map.of("carrel.spaces-file", spaces.toString())))
                .addSource(ConfigSources.file(EXAMPLE))
                .build();
    }
}
