package dev.carrel.hub.ingest;

import dev.carrel.hub.twins.AgentPublisher;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Message;
import dev.carrel.protocol.Topic;
import dev.carrel.protocol.WireCodec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
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
 *
 * <p>{@code twin/reported} is subscribed plainly too (it is retained, like status); command replies through
 * the shared group. Hub-to-agent messages ({@link #publish}) leave from one thread in order, with at most
 * {@value #MAX_IN_FLIGHT} QoS 1 publishes awaiting their PUBACK: above the broker's Receive Maximum Paho
 * refuses them (32202; STACK §Measured, Mosquitto's default is 20).
 */
public final class HubMqttClient implements AutoCloseable, AgentPublisher {
    private static final Logger LOG = Logger.getLogger(HubMqttClient.class.getName());
    /** The shared-subscription group of the hubs of one site (MQTT 5 §4.8.2). */
    public static final String DEFAULT_SHARE_GROUP = "hub";

    /**
     * The broker-side identity of the hub's session: its client id (fixed, so the broker keeps its session
     * and unacknowledged messages across hub restarts) and its shared-subscription group.
     */
    public record Session(String clientId, String shareGroup) {}

    private final MqttAsyncClient client;
    private final String shareGroup;
    private final MqttConnectionOptions options;
    private final Ingest ingest;
    private final ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("hub-mqtt-retry").daemon(true).factory());
    private volatile boolean closed;
    private final java.util.concurrent.CountDownLatch subscribed = new java.util.concurrent.CountDownLatch(1);

    private static final int MAX_IN_FLIGHT = 16;
    private final WireCodec codec = new WireCodec();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final ExecutorService outbound = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("hub-mqtt-publish").daemon(true).factory());
    private final List<Tap> taps = new CopyOnWriteArrayList<>();
    private final List<Runnable> connectHooks = new CopyOnWriteArrayList<>();

    /**
     * Sees each message as it arrives, before ingest; runs on the MQTT callback thread and must not block.
     * Live state uses it, since a dashboard need not wait for the commit.
     */
    public interface Tap {
        void seen(String topic, byte[] payload);
    }

    /**
     * Answers agents' MQTT 5 requests ({@code requests/{name}}, §4.10); runs on the MQTT callback thread and
     * must not block. A request is acknowledged at once and never stored: an agent that gets no answer in
     * time applies its own fallback.
     */
    public interface RequestHandler {
        void request(Topic topic, byte[] payload, Optional<String> responseTopic, Optional<byte[]> correlationData);
    }

    private final Map<String, RequestHandler> requests = new ConcurrentHashMap<>();

    /**
     * Answers the requests named {@code name} ({@code requests/{name}}); register before {@link #start()}, one
     * handler a name. While no handler is registered at all, requests go to ingest like any other message; once
     * one is, a request nobody answers is acknowledged and dropped (its agent falls back at its deadline).
     */
    public void onRequest(String name, RequestHandler handler) {
        if (requests.putIfAbsent(name, handler) != null) {
            throw new IllegalStateException("requests/" + name + " already has a handler");
        }
    }

    /**
     * Sends a response on the requester's Response Topic with its Correlation Data (MQTT 5 §4.10), straight
     * away rather than behind queued publishes: a gate waits for it. QoS 0, as the agents' requests: an answer
     * is worth something only while its asker waits, and Moquette 0.18.3 cannot read back a queued message
     * that carries Correlation Data, which would leave the agent's session unable to drain
     * (docs/mqtt-contract.md, "Requests").
     */
    public void respond(String responseTopic, Optional<byte[]> correlationData, Message answer) {
        MqttMessage m = new MqttMessage(codec.encode(answer));
        m.setQos(0);
        MqttProperties p = new MqttProperties();
        correlationData.ifPresent(p::setCorrelationData);
        m.setProperties(p);
        try {
            client.publish(responseTopic, m);
        } catch (MqttException e) {
            LOG.warning(() -> "cannot answer on " + responseTopic + ": " + e.getMessage());
        }
    }

    /** Queues a payload the caller encoded (QoS 1, not retained) for one topic, in order with {@link #publish}. */
    public void publish(Topic topic, byte[] payload) {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        if (!closed) {
            outbound.execute(() -> send(topic.toString(), m));
        }
    }

    /** Register before {@link #start()}. */
    public void tap(Tap tap) {
        taps.add(tap);
    }

    /** Runs after every successful (re)subscription, off the callback thread: e.g. re-publishing twins. */
    public void onConnected(Runnable hook) {
        connectHooks.add(hook);
    }

    public HubMqttClient(String brokerUri, String clientId, String user, char[] password, Ingest ingest)
            throws MqttException {
        this(brokerUri, new Session(clientId, DEFAULT_SHARE_GROUP), user, password, ingest);
    }

    public HubMqttClient(String brokerUri, Session session, String user, char[] password, Ingest ingest)
            throws MqttException {
        this.ingest = ingest;
        this.shareGroup = session.shareGroup();
        // The broker keeps the session (clean start off), so nothing unacknowledged is lost while the hub is
        // down; the client itself keeps no files.
        this.client = new MqttAsyncClient(brokerUri, session.clientId(), new MemoryPersistence());
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

    /**
     * Waits until the first connection is up and subscribed. The hub waits on it at start with its embedded
     * broker, so nothing an agent publishes in the first seconds goes unheard.
     */
    public boolean awaitSubscribed(java.time.Duration timeout) throws InterruptedException {
        return subscribed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
            new MqttSubscription(Topic.shared(shareGroup, Topic.filterAllAgents(Topic.Kind.EVENT)), 1),
            new MqttSubscription(Topic.shared(shareGroup, Topic.filterAllAgents(Topic.Kind.TELEMETRY)), 0),
            new MqttSubscription(Topic.filterAllAgents(Topic.Kind.TWIN_REPORTED), 1),
            new MqttSubscription(Topic.shared(shareGroup, Topic.filterAllAgents(Topic.Kind.COMMAND_REPLY)), 1),
            new MqttSubscription(Topic.shared(shareGroup, Topic.filterAllAgents(Topic.Kind.REQUEST)), 1)
        };
        try {
            IMqttToken token = client.subscribe(subscriptions);
            token.waitForCompletion(10_000);
            LOG.info(() -> "hub subscribed on " + client.getServerURI());
            subscribed.countDown();
            for (Runnable hook : connectHooks) {
                try {
                    hook.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a connect hook failed", e);
                }
            }
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
    public void publish(AgentId agent, Message message, boolean retained, Optional<Duration> expiry) {
        String topic = WireCodec.topicFor(agent, message).toString();
        MqttMessage m = new MqttMessage(codec.encode(message));
        m.setQos(1);
        m.setRetained(retained);
        expiry.ifPresent(e -> {
            MqttProperties p = new MqttProperties();
            p.setMessageExpiryInterval(Math.max(1, e.toSeconds())); // MQTT 5 §3.3.2.3.3
            m.setProperties(p);
        });
        if (!closed) {
            outbound.execute(() -> send(topic, m));
        }
    }

    private void send(String topic, MqttMessage m) {
        try {
            if (!inFlight.tryAcquire(10, TimeUnit.SECONDS)) {
                LOG.warning(() -> "no PUBACKs from the broker for 10 s; dropped the publish to " + topic);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            client.publish(topic, m, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    inFlight.release();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    inFlight.release();
                    LOG.warning(() -> "publish to " + topic + " failed: " + e);
                }
            });
        } catch (MqttException e) {
            inFlight.release();
            // Not connected: a twin is re-published at the next connect, an unsent command expires.
            LOG.warning(() -> "cannot publish to " + topic + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        outbound.shutdownNow();
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
            for (Tap tap : taps) {
                try {
                    tap.seen(topic, message.getPayload());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a tap failed on " + topic, e);
                }
            }
            if (!requests.isEmpty() && topic.contains("/" + Topic.Kind.REQUEST.path() + "/")) {
                request(topic, message);
                acknowledge(id, qos);
                return;
            }
            ingest.accept(topic, message.getPayload(), () -> acknowledge(id, qos));
        }

        private void request(String topicName, MqttMessage message) {
            MqttProperties p = message.getProperties();
            try {
                Topic topic = Topic.parse(topicName);
                RequestHandler handler = requests.get(topic.name().orElse(""));
                if (handler == null) {
                    LOG.warning(() -> "nobody answers " + topicName + "; dropped");
                    return;
                }
                handler.request(
                        topic,
                        message.getPayload(),
                        Optional.ofNullable(p == null ? null : p.getResponseTopic()),
                        Optional.ofNullable(p == null ? null : p.getCorrelationData()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a request on " + topicName + " failed", e);
            }
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
