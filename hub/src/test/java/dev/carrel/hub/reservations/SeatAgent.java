package dev.carrel.hub.reservations;

import dev.carrel.hub.broker.FirstSubscribe;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Command;
import dev.carrel.protocol.CommandBody;
import dev.carrel.protocol.CommandReply;
import dev.carrel.protocol.Endpoint;
import dev.carrel.protocol.Event;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.EventIds;
import dev.carrel.protocol.Message;
import dev.carrel.protocol.Status;
import dev.carrel.protocol.Topic;
import dev.carrel.protocol.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A seats agent as the hub sees it, on a real MQTT connection: it publishes the seat events a test gives it
 * and keeps the seat commands it receives, replying {@code applied} to each.
 */
final class SeatAgent implements AutoCloseable {
    private final WireCodec codec = new WireCodec();
    private final EventIds ids = EventIds.system();
    private final AgentId id;
    private final MqttAsyncClient client;
    private final AtomicLong seq = new AtomicLong();
    final List<CommandBody.SeatAction> seatCommands = new CopyOnWriteArrayList<>();

    SeatAgent(String brokerUri, String id, String secret, List<Endpoint> endpoints) throws MqttException {
        this.id = AgentId.of(id);
        this.client = new MqttAsyncClient(brokerUri, id, new MemoryPersistence());
        client.setCallback(new Callback());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(id);
        o.setPassword(secret.getBytes(StandardCharsets.UTF_8));
        FirstSubscribe.connectAndSubscribe(client, o, new MqttSubscription(Topic.prefix(this.id) + "commands/+", 1));
        publish(new Status.Birth(1, "test", endpoints, Instant.now()), true);
    }

    /** Publishes the event; returns its id. */
    String event(EventBody body) {
        return event(body, Instant.now());
    }

    /** Publishes the event as seen by the agent at {@code ts} (a late outbox delivery); returns its id. */
    String event(EventBody body, Instant ts) {
        Event e = new Event(ids.next(), 1, seq.getAndIncrement(), ts, body);
        publish(e, false);
        return e.id().toString();
    }

    /** Waits until a seat command with this action has arrived. */
    CommandBody.SeatAction awaitCommand(CommandBody.SeatAction.Action action) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            Optional<CommandBody.SeatAction> found =
                    seatCommands.stream().filter(c -> c.action() == action).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + action + " command within 10 s; got " + seatCommands);
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

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            if (codec.decode(Topic.parse(topic), message.getPayload()) instanceof Command c
                    && c.body() instanceof CommandBody.SeatAction a) {
                seatCommands.add(a);
                publish(
                        new CommandReply(
                                c.id(), c.name(), CommandReply.Outcome.APPLIED, Optional.empty(), Instant.now()),
                        false);
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse r) {}

        @Override
        public void mqttErrorOccurred(MqttException e) {}

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
