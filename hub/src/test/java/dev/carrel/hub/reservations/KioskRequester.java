package dev.carrel.hub.reservations;

import dev.carrel.hub.broker.FirstSubscribe;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.BookingRequest;
import dev.carrel.protocol.BookingResponse;
import dev.carrel.protocol.Topic;
import dev.carrel.protocol.WireCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
 * A reading-room kiosk as the hub sees it, on a real MQTT 5 connection: it sends {@code requests/book} payloads
 * with its own Response Topic and a Correlation Data per request, and matches the hub's answers by it.
 */
final class KioskRequester implements AutoCloseable {
    private final WireCodec codec = new WireCodec();
    private final AgentId id;
    private final MqttAsyncClient client;
    private final Map<String, CompletableFuture<BookingResponse>> open = new ConcurrentHashMap<>();
    private int next;

    KioskRequester(String brokerUri, String id, String secret) throws MqttException {
        this.id = AgentId.of(id);
        this.client = new MqttAsyncClient(brokerUri, id, new MemoryPersistence());
        client.setCallback(new Callback());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(id);
        o.setPassword(secret.getBytes(StandardCharsets.UTF_8));
        FirstSubscribe.connectAndSubscribe(
                client, o, new MqttSubscription(responses().toString(), 1));
    }

    private Topic responses() {
        return Topic.response(id, BookingRequest.NAME);
    }

    BookingResponse book(BookingRequest request) throws Exception {
        return send(codec.encode(request));
    }

    /** Sends any payload on {@code requests/book} and waits up to 10 s for the answer. */
    synchronized BookingResponse send(byte[] payload) throws Exception {
        String correlation = "c" + next++;
        CompletableFuture<BookingResponse> answer = new CompletableFuture<>();
        open.put(correlation, answer);
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        MqttProperties p = new MqttProperties();
        p.setResponseTopic(responses().toString());
        p.setCorrelationData(correlation.getBytes(StandardCharsets.UTF_8));
        m.setProperties(p);
        client.publish(Topic.request(id, BookingRequest.NAME).toString(), m).waitForCompletion(10_000);
        return answer.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws MqttException {
        client.disconnect().waitForCompletion(5_000);
        client.close();
    }

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            byte[] correlation = message.getProperties().getCorrelationData();
            CompletableFuture<BookingResponse> answer = open.remove(new String(correlation, StandardCharsets.UTF_8));
            if (answer != null) {
                answer.complete(codec.decode(Topic.parse(topic), message.getPayload(), BookingResponse.class));
            }
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
