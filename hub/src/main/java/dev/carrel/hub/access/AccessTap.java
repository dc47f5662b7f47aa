package dev.carrel.hub.access;

import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.InvalidFieldException;
import dev.carrel.protocol.Message;
import dev.carrel.protocol.PayloadException;
import dev.carrel.protocol.Status;
import dev.carrel.protocol.Topic;
import dev.carrel.protocol.TwinReported;
import dev.carrel.protocol.WireCodec;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Watches births, deaths and reported twins as they arrive (a {@code HubMqttClient.Tap}) for what access
 * needs: which agents are gates and are online, and each gate's reported allow-list version. Runs on the
 * MQTT callback thread, so it only decodes and hands over.
 */
final class AccessTap {
    /** What a gate said about its allow-list in its reported twin. */
    record Report(AgentId gate, long version, boolean gap) {}

    /** Where the tap hands over; each call must return at once. */
    record Sinks(Consumer<AgentId> gateBorn, Consumer<Report> reported) {}

    private final WireCodec codec = new WireCodec();
    private final GateAgents gates;
    private final Sinks sinks;

    AccessTap(GateAgents gates, Sinks sinks) {
        this.gates = gates;
        this.sinks = sinks;
    }

    void seen(String topicName, byte[] payload) {
        Topic topic;
        try {
            topic = Topic.parse(topicName);
        } catch (InvalidFieldException e) {
            return;
        }
        if (topic.kind() != Topic.Kind.STATUS && topic.kind() != Topic.Kind.TWIN_REPORTED) {
            return;
        }
        Message message;
        try {
            message = codec.decode(topic, payload);
        } catch (PayloadException e) {
            return; // ingest reports it
        }
        switch (message) {
            case Status.Birth b -> {
                if (gates.born(topic.agent(), b.endpoints())) {
                    sinks.gateBorn().accept(topic.agent());
                }
            }
            case Status.Death d -> gates.died(topic.agent());
            case TwinReported r ->
                allowlistVersion(r).filter(v -> gates.isGate(topic.agent())).ifPresent(v -> sinks.reported()
                        .accept(new Report(
                                topic.agent(), v, Boolean.TRUE.equals(r.state().get("allowlistGap")))));
            default -> {
                // nothing else matters here
            }
        }
    }

    /** The {@code allowlistVersion} a gate reports (docs/gate.md), if it does. */
    static Optional<Long> allowlistVersion(TwinReported reported) {
        return reported.state().get("allowlistVersion") instanceof Number n && n.longValue() >= 0
                ? Optional.of(n.longValue())
                : Optional.empty();
    }
}
