package dev.carrel.hub.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.devices.AgentRegistry;
import dev.carrel.hub.store.StoreWriter;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Event;
import dev.carrel.protocol.InvalidFieldException;
import dev.carrel.protocol.Message;
import dev.carrel.protocol.PayloadException;
import dev.carrel.protocol.Status;
import dev.carrel.protocol.Telemetry;
import dev.carrel.protocol.Topic;
import dev.carrel.protocol.WireCodec;
import java.time.Clock;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Turns messages from agents into rows: validates topic and payload against the contract, then queues the
 * write and acknowledges the message only after its commit (DESIGN §6).
 *
 * <p>A malformed message is counted and logged with its reason, then acknowledged so the broker does not
 * re-deliver it forever; nothing else changes, not even the agent's last-seen time.
 */
public final class Ingest {
    private static final Logger LOG = Logger.getLogger(Ingest.class.getName());

    private final WireCodec codec;
    private final StoreWriter writer;
    private final AgentRegistry registry;
    private final EventLog events;
    private final IngestMetrics metrics;
    private final Clock clock;

    public Ingest(StoreWriter writer, AgentRegistry registry, ObjectMapper json, IngestMetrics metrics, Clock clock) {
        this.codec = new WireCodec();
        this.writer = writer;
        this.registry = registry;
        this.events = new EventLog(json);
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Takes one message as the MQTT client delivered it; {@code ack} acknowledges it to the broker and runs
     * exactly once, after the commit or after the rejection.
     */
    public void accept(String topicName, byte[] payload, Runnable ack) {
        Topic topic;
        try {
            topic = Topic.parse(topicName);
        } catch (InvalidFieldException e) {
            metrics.rejectedTopic();
            LOG.warning(() -> "rejected message on '" + topicName + "': " + e.reason());
            ack.run();
            return;
        }
        Message message;
        try {
            message = codec.decode(topic, payload);
        } catch (PayloadException e) {
            metrics.rejectedPayload();
            LOG.warning(() -> "rejected payload on " + topic + ": field '" + e.field() + "' " + e.reason());
            ack.run();
            return;
        }
        if (topic.kind().direction() != Topic.Direction.AGENT_TO_HUB) {
            ack.run(); // the hub's own publications, seen through an overlapping subscription
            return;
        }
        store(topic.agent(), message, clock.instant(), ack);
    }

    private void store(AgentId agent, Message message, Instant now, Runnable ack) {
        String what = message.getClass().getSimpleName() + " from " + agent;
        switch (message) {
            case Status status -> writer.submit(what, c -> registry.apply(c, agent, status, now), done(ack));
            case Event event ->
                writer.submit(
                        what,
                        c -> {
                            if (!events.append(c, agent, event, now)) {
                                metrics.duplicate();
                            }
                            registry.touch(c, agent, now);
                        },
                        done(ack));
            case Telemetry telemetry ->
                writer.submit(
                        what,
                        c -> {
                            events.append(c, agent, telemetry, now);
                            registry.touch(c, agent, now);
                        },
                        done(ack));
            default -> writer.submit(what, c -> registry.touch(c, agent, now), done(ack));
        }
    }

    private Runnable done(Runnable ack) {
        return () -> {
            metrics.accepted();
            ack.run();
        };
    }
}
