package dev.carrel.drivers.network;

import dev.carrel.drivers.Backoff;
import dev.carrel.drivers.Scheduler;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * {@link MqttLink} over Paho MQTT v5 1.2.5. Paho's automatic reconnect does not start if the first
 * connect fails (paho.mqtt.java #825, #930), so the first connect is retried here with back-off;
 * after that Paho reconnects and {@link #connectComplete} re-subscribes (clean start, so the broker
 * keeps no session). Device commands are not buffered while offline: a lamp command that arrives
 * minutes late is worse than one refused.
 */
public final class PahoMqttLink implements MqttLink, MqttCallback {

    private static final Logger LOG = Logger.getLogger(PahoMqttLink.class.getName());

    /** Where and as whom to connect. */
    public record Settings(String serverUri, String clientId, Optional<String> username, Optional<String> password) {}

    private final MqttAsyncClient client;
    private final Settings settings;
    private final Scheduler scheduler;
    private final Backoff backoff;
    private final Map<String, MessageHandler> handlers = new ConcurrentHashMap<>();
    private int attempts;
    private volatile boolean closed;

    public PahoMqttLink(Settings settings, Scheduler scheduler, Backoff backoff) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.backoff = backoff;
        try {
            this.client = new MqttAsyncClient(settings.serverUri(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("bad MQTT server URI " + settings.serverUri(), e);
        }
        client.setCallback(this);
    }

    /** Connects in the background; returns at once. */
    public void start() {
        attemptConnect();
    }

    private void attemptConnect() {
        if (closed) {
            return;
        }
        var o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, 60);
        settings.username().ifPresent(o::setUserName);
        settings.password().ifPresent(p -> o.setPassword(p.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try {
            client.connect(o, null, new org.eclipse.paho.mqttv5.client.MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {}

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    retryLater(e);
                }
            });
        } catch (MqttException e) {
            retryLater(e);
        }
    }

    private synchronized void retryLater(Throwable e) {
        var delay = backoff.after(++attempts);
        LOG.warning(() ->
                "MQTT connect to " + settings.serverUri() + " failed (" + e.getMessage() + "); retry in " + delay);
        scheduler.schedule(delay, this::attemptConnect);
    }

    @Override
    public boolean publish(String topic, byte[] payload, boolean retained) {
        if (!client.isConnected()) {
            return false;
        }
        try {
            client.publish(topic, payload, 1, retained);
            return true;
        } catch (MqttException e) {
            LOG.log(Level.FINE, "publish to " + topic + " failed", e);
            return false;
        }
    }

    @Override
    public void subscribe(String filter, MessageHandler handler) {
        handlers.put(filter, handler);
        if (client.isConnected()) {
            subscribeNow(filter);
        }
    }

    private void subscribeNow(String filter) {
        try {
            client.subscribe(filter, 1);
        } catch (MqttException e) {
            LOG.log(Level.WARNING, "subscribe to " + filter + " failed", e);
        }
    }

    @Override
    public boolean connected() {
        return client.isConnected();
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        synchronized (this) {
            attempts = 0;
        }
        handlers.keySet().forEach(this::subscribeNow);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        for (var e : handlers.entrySet()) {
            if (TopicFilter.matches(e.getKey(), topic)) {
                try {
                    e.getValue().message(topic, message.getPayload());
                } catch (RuntimeException ex) {
                    LOG.log(Level.WARNING, "handler for " + topic + " failed", ex);
                }
            }
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        LOG.info(() -> "MQTT disconnected: " + response.getReasonString());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        LOG.log(Level.WARNING, "MQTT error", exception);
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}

    @Override
    public void close() {
        closed = true;
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(2000);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.log(Level.FINE, "closing MQTT client", e);
        }
    }
}
