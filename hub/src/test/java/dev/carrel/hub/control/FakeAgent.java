package dev.carrel.hub.control;

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
import dev.carrel.protocol.TwinDesired;
import dev.carrel.protocol.TwinReported;
import dev.carrel.protocol.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 * An edge agent as the hub sees it, on a real MQTT connection: it announces its endpoints, applies lamp and
 * outlet commands and desired twins to a map of lamp states, replies, reports its twin and publishes
 * {@code lamp_state} / {@code outlet_state} events, as the contract asks (docs/mqtt-contract.md).
 */
final class FakeAgent implements AutoCloseable {
    private final WireCodec codec = new WireCodec();
    private final EventIds ids = EventIds.system();
    private final AgentId id;
    private final MqttAsyncClient client;
    private final AtomicLong seq = new AtomicLong();
    final Map<String, Boolean> on = new ConcurrentHashMap<>();
    final List<Command> commands = new CopyOnWriteArrayList<>();
    final List<TwinDesired> twins = new CopyOnWriteArrayList<>();

    FakeAgent(String brokerUri, String id, String secret, List<Endpoint> endpoints) throws MqttException {
        this.id = AgentId.of(id);
        this.client = new MqttAsyncClient(brokerUri, id, new MemoryPersistence());
        client.setCallback(new Callback());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(id);
        o.setPassword(secret.getBytes(StandardCharsets.UTF_8));
        FirstSubscribe.connectAndSubscribe(
                client,
                o,
                new MqttSubscription(Topic.prefix(this.id) + "commands/+", 1),
                new MqttSubscription(Topic.prefix(this.id) + "twin/desired", 1));
        publish(new Status.Birth(1, "fake", endpoints, Instant.now()), true);
    }

    void event(EventBody body) {
        publish(new Event(ids.next(), 1, seq.getAndIncrement(), Instant.now(), body), false);
    }

    /** Sends any message the agent could send (telemetry, a reply …), not retained. */
    void send(Message m) {
        publish(m, false);
    }

    private void publish(Message m, boolean retained) {
        try {
            client.publish(WireCodec.topicFor(id, m).toString(), codec.encode(m), 1, retained);
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    private void apply(String endpoint, boolean value, boolean lamp) {
        on.put(endpoint, value);
        event(
                lamp
                        ? new EventBody.LampState(endpoint, value, value ? 100 : 0)
                        : new EventBody.OutletState(endpoint, value, Optional.empty(), Optional.empty()));
    }

    private void command(Command c) {
        commands.add(c);
        switch (c.body()) {
            case CommandBody.SetLamp l -> apply(l.endpointId(), l.on(), true);
            case CommandBody.SetOutlet o -> apply(o.endpointId(), o.on(), false);
            default -> {}
        }
        publish(
                new CommandReply(c.id(), c.name(), CommandReply.Outcome.APPLIED, Optional.empty(), Instant.now()),
                false);
    }

    private void twin(TwinDesired d) {
        twins.add(d);
        Map<String, Object> reported = new LinkedHashMap<>();
        for (String section : List.of("lamps", "outlets")) {
            Map<String, Object> applied = new LinkedHashMap<>();
            if (d.state().get(section) instanceof Map<?, ?> m) {
                m.forEach((k, v) -> {
                    boolean value = (Boolean) ((Map<?, ?>) v).get("on");
                    apply((String) k, value, section.equals("lamps"));
                    applied.put((String) k, Map.of("on", value));
                });
            }
            reported.put(section, applied);
        }
        publish(new TwinReported(d.version(), reported, Instant.now()), true);
    }

    @Override
    public void close() throws MqttException {
        client.disconnect().waitForCompletion(5_000);
        client.close(true);
    }

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            Message m = codec.decode(Topic.parse(topic), message.getPayload());
            switch (m) {
                case Command c -> command(c);
                case TwinDesired d -> twin(d);
                default -> {}
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse r) {}

        @Override
        public void mqttErrorOccurred(MqttException e) {}

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String uri) {}

        @Override
        public void authPacketArrived(int code, MqttProperties p) {}
    }
}
