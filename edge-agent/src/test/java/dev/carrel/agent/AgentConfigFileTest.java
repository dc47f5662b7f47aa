package dev.carrel.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.protocol.AgentId;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigFileTest {
    private static final String VALID = """
            agent-id: reading-room-2
            data-dir: /var/lib/carrel-agent
            broker:
              url: tcp://hub.library.example:1883
              password: s3cret
            keep-alive-seconds: 30
            telemetry-interval-seconds: 5
            """;

    @TempDir
    Path dir;

    @Test
    void read_validFile_givesItsSettings() throws IOException {
        AgentConfig config = AgentConfigFile.read(file(VALID), "1.2.3");

        assertEquals(AgentId.of("reading-room-2"), config.id());
        assertEquals(URI.create("tcp://hub.library.example:1883"), config.broker());
        assertEquals("s3cret", config.password());
        assertEquals(Path.of("/var/lib/carrel-agent"), config.dataDir());
        assertEquals(Duration.ofSeconds(30), config.keepAlive());
        assertEquals(Duration.ofSeconds(5), config.telemetryInterval());
        assertEquals("1.2.3", config.version());
    }

    @Test
    void read_withoutIntervals_usesDefaults() throws IOException {
        AgentConfig config = AgentConfigFile.read(
                file(VALID.replace("keep-alive-seconds: 30\n", "").replace("telemetry-interval-seconds: 5\n", "")),
                "1.2.3");

        assertEquals(Duration.ofSeconds(20), config.keepAlive());
        assertEquals(Duration.ofSeconds(10), config.telemetryInterval());
    }

    @Test
    void read_missingAgentId_namesTheKey() throws IOException {
        assertError("agent-id", VALID.replace("agent-id: reading-room-2\n", ""));
    }

    @Test
    void read_malformedAgentId_namesTheKey() throws IOException {
        assertError("agent-id", VALID.replace("reading-room-2", "Reading/Room#2"));
    }

    @Test
    void read_missingBrokerUrl_namesTheKey() throws IOException {
        assertError("broker.url", VALID.replace("  url: tcp://hub.library.example:1883\n", ""));
    }

    @Test
    void read_brokerUrlWithWrongScheme_namesTheKey() throws IOException {
        assertError("broker.url", VALID.replace("tcp://", "http://"));
    }

    @Test
    void read_nonNumericKeepAlive_namesTheKey() throws IOException {
        assertError("keep-alive-seconds", VALID.replace("keep-alive-seconds: 30", "keep-alive-seconds: soon"));
    }

    @Test
    void read_fileThatIsNotAMapping_isRefused() throws IOException {
        Path file = file("- agent-id\n- broker\n");

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> AgentConfigFile.read(file, "1.2.3"));

        assertTrue(e.getMessage().contains("must hold a YAML mapping"), e.getMessage());
    }

    @Test
    void read_emptyFile_isRefused() throws IOException {
        Path file = file("");

        assertThrows(IllegalArgumentException.class, () -> AgentConfigFile.read(file, "1.2.3"));
    }

    private void assertError(String key, String yaml) throws IOException {
        Path file = file(yaml);

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> AgentConfigFile.read(file, "1.2.3"));

        assertTrue(e.getMessage().contains("configuration key '" + key + "'"), e.getMessage());
    }

    private Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("agent.yaml"), yaml);
    }
}
