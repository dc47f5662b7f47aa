package dev.carrel.hub.engagement;

import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Event;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.EventIds;
import dev.carrel.protocol.Message;
import dev.carrel.protocol.Status;
import dev.carrel.protocol.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/** A kiosk's agent on a real MQTT connection, publishing events as the contract asks (docs/mqtt-contract.md). */
final class KioskAgent implements AutoCloseable {
    private final WireCodec codec = new WireCodec();
    private final EventIds ids = EventIds.system();
    private final AgentId id;
    private final MqttAsyncClient client;
    private final AtomicLong seq = new AtomicLong();

    KioskAgent(String brokerUri, String id, String secret) throws MqttException {
        this.id = AgentId.of(id);
        this.client = new MqttAsyncClient(brokerUri, id, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(id);
        o.setPassword(secret.getBytes(StandardCharsets.UTF_8));
        client.connect(o).waitForCompletion(10_000);
        publish(new Status.Birth(1, "test", List.of(), Instant.now()), true);
    }

    /** Publishes an event stamped {@code ts} by the kiosk's clock; returns it. */
    Event event(Instant ts, EventBody body) {
        Event e = new Event(ids.next(), 1, seq.getAndIncrement(), ts, body);
        publish(e, false);
        return e;
    }

    private void publish(Message m, boolean retained) {
        try {
            client.publish(WireCodec.topicFor(id, m).toString(), codec.encode(m), 1, retained)
                    .waitForCompletion(10_000);
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws MqttException {
        client.disconnect().waitForCompletion(5_000);
        client.close(true);
    }
}
