package dev.carrel.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubConfigTest {

    @Test
    void from_emptyConfig_usesEmbeddedBrokerDefaults() {
        HubConfig config = HubConfig.from(config(Map.of()));

        assertEquals(Path.of("data/hub"), config.dataDir());
        assertEquals(new HubConfig.Embedded("0.0.0.0", 1883, true), config.broker());
    }

    @Test
    void from_embeddedSettings_readsThem() {
        HubConfig config = HubConfig.from(config(Map.of(
                "carrel.data-dir", "/var/lib/carrel",
                "carrel.broker.host", "127.0.0.1",
                "carrel.broker.port", "0",
                "carrel.broker.persistent", "false")));

        assertEquals(Path.of("/var/lib/carrel"), config.dataDir());
        assertEquals(new HubConfig.Embedded("127.0.0.1", 0, false), config.broker());
    }

    @Test
    void from_externalModeWithCredentials_readsThem() {
        HubConfig config = HubConfig.from(config(Map.of(
                "carrel.broker.mode", "External",
                "carrel.broker.url", "tcp://mqtt.library.example:1883",
                "carrel.broker.user", "hub",
                "carrel.broker.password", "s3cret")));

        assertEquals(new HubConfig.External("tcp://mqtt.library.example:1883", "hub", "s3cret"), config.broker());
    }

    @Test
    void from_externalModeWithoutUrl_namesTheUrlKey() {
        assertError(
                "carrel.broker.url",
                Map.of("carrel.broker.mode", "external", "carrel.broker.user", "hub", "carrel.broker.password", "p"));
    }

    @Test
    void from_externalModeWithoutUser_namesTheUserKey() {
        assertError(
                "carrel.broker.user",
                Map.of(
                        "carrel.broker.mode",
                        "external",
                        "carrel.broker.url",
                        "tcp://h:1883",
                        "carrel.broker.password",
                        "p"));
    }

    @Test
    void from_externalModeWithBlankPassword_namesThePasswordKey() {
        assertError(
                "carrel.broker.password",
                Map.of(
                        "carrel.broker.mode", "external",
                        "carrel.broker.url", "tcp://h:1883",
                        "carrel.broker.user", "hub",
                        "carrel.broker.password", "  "));
    }

    @Test
    void from_portNotANumber_namesThePortKey() {
        assertError("carrel.broker.port", Map.of("carrel.broker.port", "mqtt"));
    }

    @Test
    void from_portOutOfRange_namesThePortKey() {
        assertError("carrel.broker.port", Map.of("carrel.broker.port", "65536"));
    }

    @Test
    void from_unknownMode_namesTheModeKey() {
        assertError("carrel.broker.mode", Map.of("carrel.broker.mode", "clustered"));
    }

    @Test
    void from_persistentNotABoolean_namesThePersistentKey() {
        assertError("carrel.broker.persistent", Map.of("carrel.broker.persistent", "maybe"));
    }

    private static void assertError(String key, Map<String, String> values) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HubConfig.from(config(values)));
        assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
    }

    private static Config config(Map<String, String> values) {
        return Config.just(ConfigSources.create(values));
    }
}
