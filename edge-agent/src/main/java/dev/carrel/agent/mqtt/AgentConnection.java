package dev.carrel.agent.mqtt;

import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.InvalidFieldException;
import dev.carrel.protocol.Message;
import dev.carrel.protocol.Status;
import dev.carrel.protocol.Topic;
import dev.carrel.protocol.WireCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongFunction;
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
 * The agent's one MQTT 5 connection (Paho), with a Last Will and a retained birth on {@code status}.
 *
 * <p>Every connect attempt takes a new session number from the {@link SessionCounter} and puts it in the
 * will, so the will always names the connection it belongs to. That is why this class reconnects by itself
 * instead of using Paho's automatic reconnect, which would reuse the old will (and which does not start if
 * the first connect fails, paho.mqtt.java #825). Back-off doubles from 1 s to 30 s, with jitter so a room
 * of agents does not reconnect in step after a broker restart.
 */
public final class AgentConnection implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AgentConnection.class.getName());
    private static final long MAX_BACKOFF_MS = 30_000;

    /** Told after each successful connect, once the birth is out. */
    public interface Listener {
        void connected(long session);
    }

    private final AgentId id;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final SessionCounter sessions;
    private final LongFunction<Status.Birth> birth;
    private final WireCodec codec = new WireCodec();
    private final ScheduledExecutorService reconnects;
    private volatile Listener listener = session -> {};
    private final Map<Topic.Kind, Consumer<Inbound>> handlers = new ConcurrentHashMap<>();
    private final Map<String, Consumer<Inbound>> responses = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private volatile long lastRoundTripMillis = -1;
    private boolean finished;
    private long backoffMs = 1_000;

    /**
     * @param birth makes the birth for a session (version and endpoints are the agent's business)
     */
    public AgentConnection(
            AgentId id,
            String brokerUri,
            String password,
            Duration keepAlive,
            SessionCounter sessions,
            LongFunction<Status.Birth> birth)
            throws MqttException {
        this.id = id;
        this.sessions = sessions;
        this.birth = birth;
        this.client = new MqttAsyncClient(brokerUri, id.value(), new MemoryPersistence());
        this.options = new MqttConnectionOptions();
        options.setUserName(id.value());
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        // Keep the session across reconnects so commands queued for us while away are delivered.
        options.setCleanStart(false);
        options.setSessionExpiryInterval(24L * 3600);
        options.setKeepAliveInterval((int) keepAlive.toSeconds());
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        client.setCallback(new Callback());
        this.reconnects = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("mqtt-" + id).daemon(true).factory());
    }

    public void onConnected(Listener listener) {
        this.listener = listener;
    }

    /**
     * Routes messages of one hub-to-agent kind (commands, twin/desired, credentials, responses) to a handler.
     * Register before {@link #start()}. Handlers run on Paho's callback thread: they must not block, and
     * whatever they throw is logged and swallowed.
     */
    public void on(Topic.Kind kind, Consumer<Inbound> handler) {
        if (kind.direction() != Topic.Direction.HUB_TO_AGENT) {
            throw new IllegalArgumentException(kind + " is not sent to agents");
        }
        handlers.put(kind, handler);
    }

    /**
     * Routes the hub's answers to one request ({@code responses/{name}}) to a handler, ahead of the handler
     * of {@link Topic.Kind#RESPONSE}; so a kiosk's bookings and a gate's authorisations each get their own.
     * Register before {@link #start()}; the same rules as {@link #on} apply.
     */
    public void onResponse(String name, Consumer<Inbound> handler) {
        responses.put(name, handler);
    }

    /** Starts connecting in the background; it keeps trying until {@link #close()}. */
    public void start() {
        reconnects.execute(this::connect);
    }

    public boolean connected() {
        return client.isConnected();
    }

    /**
     * Sends an MQTT PINGREQ and measures until its PINGRESP: the broker round trip for telemetry. The
     * result is kept for {@link #lastRoundTripMillis()}; nothing happens while disconnected.
     */
    public void measureRoundTrip() {
        if (!client.isConnected()) {
            return;
        }
        long start = System.nanoTime();
        try {
            client.checkPing(null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    lastRoundTripMillis = (System.nanoTime() - start) / 1_000_000;
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    LOG.fine(() -> "agent " + id + ": ping failed: " + e);
                }
            });
        } catch (MqttException | RuntimeException e) {
            LOG.log(Level.FINE, "agent " + id + ": ping not sent", e);
        }
    }

    /** The last broker round trip measured by {@link #measureRoundTrip()}, if any. */
    public Optional<Long> lastRoundTripMillis() {
        long v = lastRoundTripMillis;
        return v < 0 ? Optional.empty() : Optional.of(v);
    }

    /** The session of the current (or last) connection. */
    public long session() {
        return sessions.current();
    }

    public AgentId id() {
        return id;
    }

    private void connect() {
        if (closed || client.isConnected()) {
            return;
        }
        long session;
        try {
            session = sessions.next();
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "agent " + id + " cannot persist its session counter; retrying", e);
            scheduleReconnect();
            return;
        }
        MqttMessage will = new MqttMessage(codec.encode(new Status.Death(session)));
        will.setQos(1);
        will.setRetained(true);
        options.setWill(Topic.status(id).toString(), will);
        try {
            IMqttToken connected = client.connect(options);
            connected.waitForCompletion(15_000);
            if (!connected.getSessionPresent()) {
                subscribe();
            }
            publish(birth.apply(session), 1, true);
            backoffMs = 1_000;
            LOG.info(() -> "agent " + id + " connected, session " + session);
            listener.connected(session);
        } catch (MqttException | RuntimeException e) {
            LOG.warning(() -> "agent " + id + " cannot connect (" + e.getMessage() + "); retrying");
            scheduleReconnect();
        }
    }

    /** Subscribes to the agent's own hub-to-agent topics; a resumed session keeps them (clean start off). */
    private void subscribe() throws MqttException {
        List<MqttSubscription> subscriptions = new ArrayList<>();
        for (Topic.Kind kind : Topic.Kind.values()) {
            if (kind.direction() == Topic.Direction.HUB_TO_AGENT) {
                String filter = Topic.prefix(id) + kind.path() + (kind.named() ? "/+" : "");
                subscriptions.add(new MqttSubscription(filter, 1));
            }
        }
        client.subscribe(subscriptions.toArray(MqttSubscription[]::new)).waitForCompletion(10_000);
    }

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        long delay = backoffMs / 2 + ThreadLocalRandom.current().nextLong(backoffMs / 2 + 1);
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
        reconnects.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /**
     * Publishes a message on its topic.
     *
     * @throws MqttException when not connected or the client refuses; the caller decides to retry or drop
     */
    public IMqttToken publish(Message message, int qos, boolean retained) throws MqttException {
        MqttMessage m = new MqttMessage(codec.encode(message));
        m.setQos(qos);
        m.setRetained(retained);
        return client.publish(WireCodec.topicFor(id, message).toString(), m);
    }

    /**
     * Requests and responses go at QoS 0 (docs/mqtt-contract.md, "Requests"): an answer is only worth anything
     * while its asker waits, which is a bounded time on both sides, and QoS 0 is never queued by the broker.
     * Queuing them is harmful with Moquette 0.18.3: its persistent session queue writes a binary property
     * without its id ({@code SegmentedPersistentQueueSerDes.writeProperty}), so a queued message carrying
     * Correlation Data fails to read back (NegativeArraySizeException) and the receiving session never drains
     * again: the agent, or the hub, would not reconnect.
     */
    public static final int REQUEST_QOS = 0;

    /**
     * Publishes a request (MQTT 5 §4.10): the hub answers on {@code responses/{name}} of this agent with the
     * same correlation data.
     */
    public IMqttToken request(Message request, byte[] correlationData) throws MqttException {
        Topic topic = WireCodec.topicFor(id, request);
        MqttProperties properties = new MqttProperties();
        properties.setResponseTopic(
                Topic.response(id, topic.name().orElseThrow()).toString());
        properties.setCorrelationData(correlationData);
        MqttMessage m = new MqttMessage(codec.encode(request), REQUEST_QOS, false, properties);
        return client.publish(topic.toString(), m);
    }

    /** Publishes an answer to a request that came with a response topic (commands use replies/{name}). */
    public IMqttToken respond(String responseTopic, Optional<byte[]> correlationData, Message answer)
            throws MqttException {
        MqttProperties properties = new MqttProperties();
        correlationData.ifPresent(properties::setCorrelationData);
        MqttMessage m = new MqttMessage(codec.encode(answer), REQUEST_QOS, false, properties);
        return client.publish(responseTopic, m);
    }

    /**
     * Drops the connection the way a crash or a pulled cable does: no DISCONNECT, so the broker publishes the
     * Last Will. For tests and the demo; this connection is finished, a restarted agent makes a new one.
     */
    public synchronized void crash() {
        if (finished) {
            return;
        }
        finished = true;
        closed = true;
        reconnects.shutdownNow();
        try {
            client.disconnectForcibly(0, 0, false);
            client.close(true);
        } catch (MqttException | RuntimeException e) {
            // Paho throws on a client that never connected or is half-closed; a crash ends here either way.
            LOG.log(Level.FINE, "crash of " + id, e);
        }
    }

    /** Says goodbye properly: a retained death for this session, then DISCONNECT. */
    @Override
    public synchronized void close() {
        if (finished) {
            return;
        }
        finished = true;
        closed = true;
        reconnects.shutdownNow();
        try {
            if (client.isConnected()) {
                publish(new Status.Death(sessions.current()), 1, true).waitForCompletion(2_000);
                client.disconnect().waitForCompletion(2_000);
            }
        } catch (MqttException e) {
            LOG.log(Level.FINE, "clean disconnect of " + id + " failed", e);
        }
        try {
            client.close(true);
        } catch (MqttException | RuntimeException e) {
            LOG.log(Level.FINE, "close of " + id, e);
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (!closed) {
                LOG.warning(() -> "agent " + id + " lost the broker: " + response.getReasonString());
                scheduleReconnect();
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.log(Level.WARNING, "agent " + id + " MQTT error", exception);
        }

        @Override
        public void messageArrived(String topicName, MqttMessage message) {
            Topic topic;
            try {
                topic = Topic.parse(topicName);
            } catch (InvalidFieldException e) {
                LOG.warning(() -> "agent " + id + " ignored a message on a foreign topic: " + topicName);
                return;
            }
            Consumer<Inbound> handler = topic.kind() == Topic.Kind.RESPONSE
                    ? responses.getOrDefault(topic.name().orElse(""), handlers.get(topic.kind()))
                    : handlers.get(topic.kind());
            if (handler == null || !topic.agent().equals(id)) {
                LOG.fine(() -> "agent " + id + " has no handler for " + topic);
                return;
            }
            MqttProperties p = message.getProperties();
            Inbound inbound = new Inbound(
                    topic,
                    message.getPayload(),
                    Optional.ofNullable(p == null ? null : p.getResponseTopic()),
                    Optional.ofNullable(p == null ? null : p.getCorrelationData()),
                    Optional.ofNullable(p == null ? null : p.getMessageExpiryInterval()));
            try {
                handler.accept(inbound);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "agent " + id + ": handler for " + topic.kind() + " failed", e);
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
