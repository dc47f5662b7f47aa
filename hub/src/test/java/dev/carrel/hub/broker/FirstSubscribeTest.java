package dev.carrel.hub.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many brand-new clients connect and subscribe at once against the real embedded broker, with busy threads
 * competing for the CPU as on a loaded CI machine. Without {@link FirstSubscribe} about 1 in 400 of them
 * loses its connection at the first SUBSCRIBE (docs/mqtt-contract.md); with it every one ends up subscribed.
 * Raise {@code -Dfirst-subscribe.clients} to measure the broker's race itself.
 */
class FirstSubscribeTest {
    private static final int CLIENTS = Integer.getInteger("first-subscribe.clients", 120);

    @TempDir
    Path dir;

    @Test
    void freshClients_underLoad_allEndUpSubscribed() throws Exception {
        BrokerUsers users = new BrokerUsers();
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        for (int k = 0; k < 2; k++) {
            Thread.ofPlatform().daemon().start(() -> spin(done));
        }
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", 0, dir, false, users)) {
            ExecutorService pool = Executors.newFixedThreadPool(6);
            for (int i = 0; i < CLIENTS; i++) {
                String id = "fresh-" + i;
                String secret = users.issue(id, BrokerUsers.Role.AGENT);
                pool.execute(() -> connectAndSubscribe(broker.uri(), id, secret, failures));
            }
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.MINUTES);
        } finally {
            done.set(true);
        }
        assertEquals(List.of(), failures);
    }

    private static void connectAndSubscribe(String uri, String id, String secret, List<String> failures) {
        try {
            MqttAsyncClient client = new MqttAsyncClient(uri, id, new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setUserName(id);
            o.setPassword(secret.getBytes(StandardCharsets.UTF_8));
            FirstSubscribe.connectAndSubscribe(
                    client, o, new MqttSubscription("carrel/v1/agents/" + id + "/commands/+", 1));
            client.disconnect().waitForCompletion(5_000);
            client.close();
        } catch (Exception e) {
            failures.add(id + ": " + e);
        }
    }

    /** Keeps a core busy so the broker's threads get preempted, which is when the race shows. */
    private static void spin(AtomicBoolean done) {
        long x = 0;
        while (!done.get()) {
            x += System.nanoTime() & 1;
        }
        if (x < 0) {
            throw new IllegalStateException();
        }
    }
}
