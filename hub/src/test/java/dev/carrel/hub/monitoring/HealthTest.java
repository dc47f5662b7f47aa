package dev.carrel.hub.monitoring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.hub.Hub;
import dev.carrel.hub.HubHttp;
import dev.carrel.hub.broker.BrokerUsers;
import dev.carrel.hub.broker.EmbeddedBroker;
import dev.carrel.hub.store.Database;
import dev.carrel.hub.store.StoreWriter;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /observe/health} answers 503 once the store or the broker cannot be used. */
class HealthTest {
    @TempDir
    Path dir;

    @Test
    void hub_whoseBrokerStops_isDown() throws Exception {
        // The test owns the broker, so it can stop it under a running hub; the hub sees it as external.
        BrokerUsers users = new BrokerUsers();
        String secret = users.issue("carrel-hub", BrokerUsers.Role.HUB);
        EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", 0, dir.resolve("broker"), false, users);
        try (Hub hub = Hub.start(
                Config.just(ConfigSources.create(Map.of(
                        "server.host", "127.0.0.1",
                        "server.port", "0",
                        "carrel.data-dir", dir.resolve("hub").toString(),
                        "carrel.broker.mode", "external",
                        "carrel.broker.url", broker.uri(),
                        "carrel.broker.user", "carrel-hub",
                        "carrel.broker.password", secret))),
                Clock.systemUTC())) {
            HubHttp api = new HubHttp(hub);
            api.await("/observe/health", a -> a.status() == 200, Duration.ofSeconds(10));

            broker.close();

            HubHttp.Answer down = api.await("/observe/health", a -> a.status() == 503, Duration.ofSeconds(10));
            assertTrue(down.text().contains("broker"), down.text());
        } finally {
            broker.close();
        }
    }

    @Test
    void storeWhoseDatabaseIsClosed_isDown() throws Exception {
        Database database = Database.open(dir.resolve("hub.db"));
        StoreWriter writer = new StoreWriter(database, (what, e) -> {});
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .featuresDiscoverServices(false)
                .addFeature(ObserveFeature.builder()
                        .addObserver(HealthObserver.builder()
                                .details(true)
                                .addCheck(HubHealth.store(database, writer))
                                .build())
                        .build())
                .build()
                .start();
        try {
            HubHttp api = new HubHttp(server.port());
            api.await("/observe/health", a -> a.status() == 200, Duration.ofSeconds(5));

            database.close();

            HubHttp.Answer down = api.await("/observe/health", a -> a.status() == 503, Duration.ofSeconds(5));
            assertTrue(down.text().contains("store"), down.text());
        } finally {
            server.stop();
            writer.close();
        }
    }

    @Test
    void storeWhoseWriterStopped_isDown() throws Exception {
        Database database = Database.open(dir.resolve("hub.db"));
        StoreWriter writer = new StoreWriter(database, (what, e) -> {});
        var check = HubHealth.store(database, writer);
        assertTrue(check.call().status() == io.helidon.health.HealthCheckResponse.Status.UP);

        writer.close();

        assertTrue(check.call().status() == io.helidon.health.HealthCheckResponse.Status.DOWN);
        database.close();
    }
}
