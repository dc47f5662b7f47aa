package dev.carrel.agent.outbox;

import dev.carrel.agent.mqtt.AgentConnection;
import dev.carrel.protocol.Event;
import dev.carrel.protocol.PayloadException;
import dev.carrel.protocol.Topic;
import dev.carrel.protocol.WireCodec;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The outbox's way out through the agent's {@link AgentConnection}: each entry goes out as its event at
 * QoS 1, and the Paho delivery token's completion is the PUBACK (MQTT 5 §4.3.2).
 */
public final class MqttOutboxLink implements OutboxLink {
    private final AgentConnection connection;
    private final WireCodec codec = new WireCodec();

    public MqttOutboxLink(AgentConnection connection) {
        this.connection = connection;
    }

    /** The session number changes at every connect, so it tells one connection from the next. */
    @Override
    public long connection() {
        return connection.connected() ? connection.session() : 0;
    }

    @Override
    public Sent send(Queued queued, Acknowledgement acknowledgement) {
        Event event;
        try {
            // AgentConnection publishes messages, not bytes: read the stored envelope back, unchanged.
            Topic topic = Topic.event(connection.id(), queued.entry().type());
            event = codec.decode(topic, queued.entry().payload(), Event.class);
        } catch (PayloadException | RuntimeException e) {
            return Sent.UNREADABLE;
        }
        IMqttToken token;
        try {
            token = connection.publish(event, 1, false);
        } catch (MqttException e) {
            return e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT ? Sent.BUSY : Sent.DOWN;
        }
        Completion completion = new Completion(queued.position(), acknowledgement);
        token.setActionCallback(completion);
        if (token.isComplete()) {
            completion.finish(token); // completed before the callback was set: Paho will not call it
        }
        return Sent.SENT;
    }

    /** Reports a token once, whichever of Paho's callback and our own check comes first. */
    private static final class Completion implements MqttActionListener {
        private final long position;
        private final Acknowledgement acknowledgement;
        private final AtomicBoolean reported = new AtomicBoolean();

        Completion(long position, Acknowledgement acknowledgement) {
            this.position = position;
            this.acknowledgement = acknowledgement;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            finish(token);
        }

        @Override
        public void onFailure(IMqttToken token, Throwable exception) {
            if (reported.compareAndSet(false, true)) {
                acknowledgement.acknowledged(position, false);
            }
        }

        void finish(IMqttToken token) {
            if (reported.compareAndSet(false, true)) {
                acknowledgement.acknowledged(position, token.getException() == null && accepted(token));
            }
        }

        /** MQTT 5 §3.4.2.1: a PUBACK reason code of 0x80 or more means the broker did not take it. */
        private static boolean accepted(IMqttToken token) {
            int[] codes = token.getReasonCodes();
            if (codes == null) {
                return true;
            }
            for (int code : codes) {
                if (code >= 0x80) {
                    return false;
                }
            }
            return true;
        }
    }
}
