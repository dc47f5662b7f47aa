package dev.carrel.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.drivers.FaultListener;
import dev.carrel.drivers.Hardware;
import dev.carrel.drivers.SystemScheduler;
import dev.carrel.drivers.config.DriverFactory;
import dev.carrel.drivers.config.EndpointSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example configurations in docs/examples stay valid as the code changes. */
class ExampleConfigsTest {
    private static final Path EXAMPLES = Path.of("..", "docs", "examples");

    @Test
    void readingRoomExample_readsAndNamesOnlyKnownDrivers() throws Exception {
        Path file = EXAMPLES.resolve("reading-room-agent.yaml");
        AgentConfig config = AgentConfigFile.read(file, "test");
        AgentLayout layout = AgentConfigFile.readLayout(file);
        assertEquals("reading-room-2", config.id().value());
        assertEquals(2, layout.seats().size());
        assertTrue(layout.kiosk().isPresent());
        assertKnownDrivers(layout.endpoints());
    }

    @Test
    void gateExample_readsWithItsGateAndPassKey() throws Exception {
        Path file = EXAMPLES.resolve("gate-agent.yaml");
        AgentLayout layout = AgentConfigFile.readLayout(file);
        assertEquals(
                List.of("north-wiegand", "north-face", "north-qr"),
                layout.gate().orElseThrow().readers());
        assertEquals(1, layout.site().orElseThrow().passKeys().size());
        assertKnownDrivers(layout.endpoints());
    }

    private static void assertKnownDrivers(List<EndpointSpec> endpoints) {
        try (SystemScheduler scheduler = new SystemScheduler();
                DriverFactory factory = new DriverFactory(Hardware.none(), scheduler, FaultListener.ignoring())) {
            for (EndpointSpec e : endpoints) {
                assertTrue(factory.drivers().contains(e.driver()), e.id() + " names unknown driver " + e.driver());
            }
        }
        assertTrue(Files.isDirectory(EXAMPLES));
    }
}
