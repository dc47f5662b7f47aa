package dev.carrel.hub.ingest;

import dev.carrel.protocol.Topic;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
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
 * The hub's MQTT 5 connection (Paho), feeding {@link Ingest}.
 *
 * <p>Status is subscribed plainly, so every hub receives the retained births and deaths (MQTT 5 §3.3.1.3
 * sends retained messages only to non-shared subscriptions); events and telemetry through a shared
 * subscription ({@code $share/hub/…}, §4.8.2) so several hubs split them. Acknowledgements are manual:
 * {@link Ingest} sends the PUBACK after the commit. Paho's automatic reconnect does not cover a failed first
 * connect (paho.mqtt.java #825), so {@link #start()} retries that itself.
 */
public final class HubMqttClient implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HubMqttClient.class.getName());
    private static final String SHARE_GROUP = "hub";

    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final Ingest ingest;
    private final ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("hub-mqtt-retry").daemon(true).factory());
    private volatile boolean closed;

    public HubMqttClient(String brokerUri, String clientId, String user, char[] password, Ingest ingest)
            throws MqttException {
        this.ingest = ingest;
        // The broker keeps the session (clean start off), so nothing unacknowledged is lost while the hub is
        // down; the client itself keeps no files.
        this.client = new MqttAsyncClient(brokerUri, clientId, new MemoryPersistence());
        this.options = new MqttConnectionOptions();
        options.setUserName(user);
        options.setPassword(new String(password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        options.setCleanStart(false);
        options.setSessionExpiryInterval(7L * 24 * 3600);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 30);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout(10);
        client.setManualAcks(true);
        client.setCallback(new Callback());
    }

    /** Connects, retrying in the background until the broker answers. */
    public void start() {
        retry.execute(this::connect);
    }

    public boolean connected() {
        return client.isConnected();
    }

    private void connect() {
        if (closed) {
            return;
        }
        try {
            client.connect(options).waitForCompletion(15_000);
        } catch (MqttException e) {
            LOG.warning(() -> "hub cannot reach the broker at " + client.getServerURI() + " (" + e.getMessage()
                    + "); retrying in 2 s");
            retry.schedule(this::connect, 2, TimeUnit.SECONDS);
        }
    }

    private void subscribe() {
        MqttSubscription[] subscriptions = {
            new MqttSubscription(Topic.filterAllAgents(Topic.Kind.STATUS), 1),
            new MqttSubscription(Topic.shared(SHARE_GROUP, Topic.filterAllAgents(Topic.Kind.EVENT)), 1),
            new MqttSubscription(Topic.shared(SHARE_GROUP, Topic.filterAllAgents(Topic.Kind.TELEMETRY)), 0)
        };
        try {
            IMqttToken token = client.subscribe(subscriptions);
            token.waitForCompletion(10_000);
            LOG.info(() -> "hub subscribed on " + client.getServerURI());
        } catch (MqttException e) {
            LOG.log(Level.WARNING, "hub subscription failed; reconnecting", e);
            try {
                client.disconnect();
            } catch (MqttException ignored) {
                // the automatic reconnect takes over
            }
        }
    }

    private void acknowledge(int id, int qos) {
        if (qos == 0) {
            return;
        }
        try {
            client.messageArrivedComplete(id, qos);
        } catch (MqttException e) {
            // Not acknowledged: the broker re-delivers it and the event id dedupes it.
            LOG.log(Level.FINE, "acknowledgement of message " + id + " failed", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        retry.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.log(Level.FINE, "closing the hub's MQTT client", e);
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // Subscribing blocks on the broker's answer, which arrives on this very callback thread.
            retry.execute(HubMqttClient.this::subscribe);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            int id = message.getId();
            int qos = message.getQos();
            ingest.accept(topic, message.getPayload(), () -> acknowledge(id, qos));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            LOG.warning(() -> "hub lost the broker: " + response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.log(Level.WARNING, "MQTT error", exception);
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
