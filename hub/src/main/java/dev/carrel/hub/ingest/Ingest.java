package dev.carrel.hub.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.devices.AgentRegistry;
import dev.carrel.hub.store.StoreWriter;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.CommandReply;
import dev.carrel.protocol.Event;
import dev.carrel.protocol.InvalidFieldException;
import dev.carrel.protocol.Message;
import dev.carrel.protocol.PayloadException;
import dev.carrel.protocol.Status;
import dev.carrel.protocol.Telemetry;
import dev.carrel.protocol.Topic;
import dev.carrel.protocol.TwinReported;
import dev.carrel.protocol.WireCodec;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Turns messages from agents into rows: validates topic and payload against the contract, then queues the
 * write and acknowledges the message only after its commit (DESIGN §6).
 *
 * <p>A malformed message is counted, logged and written to the dead-letter store with its reason, then
 * acknowledged after that commit so the broker does not re-deliver it forever; nothing else changes, not
 * even the agent's last-seen time. Events are deduplicated by id and counted per session, so a jump in
 * {@code seq} is noticed (and shown per agent as {@code eventsMissing}).
 */
public final class Ingest {
    private static final Logger LOG = Logger.getLogger(Ingest.class.getName());

    /** Where ingest writes besides the agent registry. */
    public record Sinks(EventLog events, DeadLetterStore deadLetters, IngestObserver observer) {
        public static Sinks of(ObjectMapper json, DeadLetterStore deadLetters, IngestObserver observer) {
            return new Sinks(new EventLog(json), deadLetters, observer);
        }
    }

    private final WireCodec codec;
    private volatile java.util.function.Predicate<AgentId> cutOff = agent -> false;
    private final StoreWriter writer;
    private final AgentRegistry registry;
    private final Sinks sinks;
    private final IngestMetrics metrics;
    private final Clock clock;

    /** Ingest without dead letters kept or observers: refused messages are only counted and logged. */
    public Ingest(StoreWriter writer, AgentRegistry registry, ObjectMapper json, IngestMetrics metrics, Clock clock) {
        this(writer, registry, Sinks.of(json, DISCARD, IngestObserver.NONE), metrics, clock);
    }

    public Ingest(StoreWriter writer, AgentRegistry registry, Sinks sinks, IngestMetrics metrics, Clock clock) {
        this.codec = new WireCodec();
        this.writer = writer;
        this.registry = registry;
        this.sinks = sinks;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Devices whose messages are ignored from now on (revoked at enrolment); dead-lettered, not stored. */
    public void ignoring(java.util.function.Predicate<AgentId> revoked) {
        this.cutOff = revoked;
    }

    /**
     * Takes one message as the MQTT client delivered it; {@code ack} acknowledges it to the broker and runs
     * exactly once, after the commit of what the message caused (its rows, or its dead letter).
     */
    public void accept(String topicName, byte[] payload, Runnable ack) {
        long arrived = System.nanoTime();
        Topic topic;
        try {
            topic = Topic.parse(topicName);
        } catch (InvalidFieldException e) {
            metrics.rejectedTopic();
            LOG.warning(() -> "rejected message on '" + topicName + "': " + e.reason());
            deadLetter(
                    DeadLetter.of(clock.instant(), agentOf(topicName), topicName, "topic", e.reason(), payload), ack);
            return;
        }
        Message message;
        try {
            message = codec.decode(topic, payload);
        } catch (PayloadException e) {
            metrics.rejectedPayload();
            LOG.warning(() -> "rejected payload on " + topic + ": field '" + e.field() + "' " + e.reason());
            deadLetter(
                    DeadLetter.of(
                            clock.instant(),
                            Optional.of(topic.agent().value()),
                            topicName,
                            e.field(),
                            e.reason(),
                            payload),
                    ack);
            return;
        }
        if (topic.kind().direction() != Topic.Direction.AGENT_TO_HUB) {
            ack.run(); // the hub's own publications, seen through an overlapping subscription
            return;
        }
        if (cutOff.test(topic.agent())) {
            metrics.rejectedPayload();
            LOG.warning(() -> "ignored a message from revoked device " + topic.agent() + " on " + topic);
            deadLetter(
                    DeadLetter.of(
                            clock.instant(),
                            Optional.of(topic.agent().value()),
                            topicName,
                            "$",
                            "from a revoked device",
                            payload),
                    ack);
            return;
        }
        store(topic.agent(), message, clock.instant(), done(ack, arrived));
    }

    private void store(AgentId agent, Message message, Instant now, Runnable done) {
        String what = message.getClass().getSimpleName() + " from " + agent;
        IngestObserver observer = sinks.observer();
        switch (message) {
            case Status status ->
                writer.submit(
                        what,
                        c -> {
                            registry.apply(c, agent, status, now);
                            observer.status(c, agent, status, now);
                        },
                        done);
            case Event event -> writer.submit(what, c -> event(c, agent, event, now), done);
            case Telemetry telemetry ->
                writer.submit(
                        what,
                        c -> {
                            sinks.events().append(c, agent, telemetry, now);
                            registry.touch(c, agent, now);
                            observer.telemetry(c, agent, telemetry, now);
                        },
                        done);
            case TwinReported reported ->
                writer.submit(
                        what,
                        c -> {
                            registry.touch(c, agent, now);
                            observer.twinReported(c, agent, reported, now);
                        },
                        done);
            case CommandReply reply ->
                writer.submit(
                        what,
                        c -> {
                            registry.touch(c, agent, now);
                            observer.commandReply(c, agent, reply, now);
                        },
                        done);
            default -> writer.submit(what, c -> registry.touch(c, agent, now), done);
        }
    }

    private void event(Connection c, AgentId agent, Event event, Instant now) throws SQLException {
        if (sinks.events().append(c, agent, event, now)) {
            long jump = sinks.events().sequence(c, agent, event, now);
            if (jump > 0) {
                metrics.gap(jump);
                LOG.info(() -> "agent " + agent + " session " + event.session() + ": seq " + event.seq() + " skipped "
                        + jump + " event(s)");
            }
            sinks.observer().event(c, agent, event, now);
        } else {
            metrics.duplicate();
        }
        registry.touch(c, agent, now);
    }

    private void deadLetter(DeadLetter letter, Runnable ack) {
        writer.submit(
                "dead letter on " + letter.topic(), c -> sinks.deadLetters().add(c, letter), () -> {
                    metrics.deadLetter();
                    ack.run();
                });
    }

    /** The agent a malformed topic seems to name, if that part of it is a valid agent id. */
    private static Optional<String> agentOf(String topicName) {
        if (topicName == null || !topicName.startsWith(Topic.ROOT)) {
            return Optional.empty();
        }
        String rest = topicName.substring(Topic.ROOT.length());
        int slash = rest.indexOf('/');
        String id = slash < 0 ? rest : rest.substring(0, slash);
        try {
            return Optional.of(AgentId.of(id).value());
        } catch (InvalidFieldException e) {
            return Optional.empty();
        }
    }

    private Runnable done(Runnable ack, long arrivedNanos) {
        return () -> {
            metrics.accepted(arrivedNanos);
            ack.run();
        };
    }

    /** Keeps nothing: for wiring without a dead-letter table (tests of other parts). */
    private static final DeadLetterStore DISCARD = new DeadLetterStore() {
        @Override
        public void add(Connection writer, DeadLetter letter) {}

        @Override
        public List<DeadLetter> recent(int limit, Optional<String> agent) {
            return List.of();
        }

        @Override
        public int deleteBefore(Connection writer, Instant cutoff) {
            return 0;
        }
    };
}
