package dev.carrel.demo;

import dev.carrel.hub.broker.FirstSubscribe;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.AllowlistDelta;
import dev.carrel.protocol.AuthorisationRequest;
import dev.carrel.protocol.AuthorisationResponse;
import dev.carrel.protocol.Topic;
import dev.carrel.protocol.WireCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
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
 * A hub-role MQTT client standing in for the hub's authorisation service until the hub has one: it answers
 * {@code requests/authorise} on the request's Response Topic with its Correlation Data (MQTT 5 §4.10), and
 * sends allow-list deltas on an agent's {@code credentials}. An async client, because answering from the
 * callback with a blocking client could wait on the very thread that must read the acknowledgement.
 */
final class GateHubStandIn implements AutoCloseable {
    private final MqttAsyncClient client;
    private final WireCodec codec = new WireCodec();
    private final List<AuthorisationRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile Function<AuthorisationRequest, AuthorisationResponse> answers;

    private GateHubStandIn(MqttAsyncClient client) {
        this.client = client;
    }

    static GateHubStandIn connect(String brokerUri, String secret) throws MqttException {
        String user = "gate-hub";
        MqttAsyncClient client = new MqttAsyncClient(brokerUri, user, new MemoryPersistence());
        GateHubStandIn standIn = new GateHubStandIn(client);
        client.setCallback(standIn.new Callback());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(user);
        o.setPassword(secret.getBytes(StandardCharsets.UTF_8));
        FirstSubscribe.connectAndSubscribe(
                client, o, new MqttSubscription(Topic.filterAllAgents(Topic.Kind.REQUEST), 1));
        return standIn;
    }

    /** From now on, answers every request with what the function says. */
    void answer(Function<AuthorisationRequest, AuthorisationResponse> answers) {
        this.answers = answers;
    }

    List<AuthorisationRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    void send(String agent, AllowlistDelta delta) throws MqttException {
        MqttMessage m = new MqttMessage(codec.encode(delta));
        m.setQos(1);
        client.publish(Topic.credentials(AgentId.of(agent)).toString(), m).waitForCompletion(10_000);
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(2_000);
            }
            client.close(true);
        } catch (MqttException e) {
            // The broker may be gone already: nothing to say goodbye to.
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            AuthorisationRequest request =
                    codec.decode(Topic.parse(topic), message.getPayload(), AuthorisationRequest.class);
            requests.add(request);
            Function<AuthorisationRequest, AuthorisationResponse> a = answers;
            MqttProperties in = message.getProperties();
            if (a == null || in == null || in.getResponseTopic() == null) {
                return;
            }
            MqttProperties out = new MqttProperties();
            out.setCorrelationData(in.getCorrelationData());
            client.publish(in.getResponseTopic(), new MqttMessage(codec.encode(a.apply(request)), 1, false, out));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {}

        @Override
        public void mqttErrorOccurred(MqttException exception) {}

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
