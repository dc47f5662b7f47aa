package dev.carrel.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {
    private static void awaitStored(Path dir, String type) throws Exception {
        Path db = dir.resolve("hub").resolve("carrel-hub.db");
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
                    var s = c.prepareStatement("SELECT count(*) FROM events WHERE type = ?")) {
                s.setString(1, type);
                try (var rs = s.executeQuery()) {
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + type + " event stored within 15 s");
    }

    @TempDir
    Path dir;

    @Test
    void demo_listsItsThreeAgentsOnlineWithin10Seconds_andKillTakesOneOffline() throws Exception {
        try (Demo demo = Demo.start(dir, 0, Duration.ofSeconds(2), 300)) {
            HubApi api = new HubApi(demo.hub());
            for (String agent : DemoLibrary.agents()) {
                api.awaitAgent(agent, HubApi.online(1), Duration.ofSeconds(10));
            }
            assertEquals(
                    DemoLibrary.DESKS * 3,
                    api.agent(DemoLibrary.READING_ROOM)
                            .orElseThrow()
                            .get("endpoints")
                            .size());

            assertTrue(
                    Main.command(demo, new String[] {"kill", DemoLibrary.GATE}).contains("killed"));
            api.awaitAgent(DemoLibrary.GATE, HubApi.offline(), Duration.ofSeconds(3));
            assertTrue(
                    Main.command(demo, new String[] {"start", DemoLibrary.GATE}).contains("started"));
            api.awaitAgent(DemoLibrary.GATE, HubApi.online(2), Duration.ofSeconds(10));
            assertTrue(Main.command(demo, new String[] {"start", "nobody"}).contains("no demo agent"));
        }
    }
}
