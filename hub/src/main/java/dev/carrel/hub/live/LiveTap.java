package dev.carrel.hub.live;

import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Event;
import dev.carrel.protocol.EventType;
import dev.carrel.protocol.InvalidFieldException;
import dev.carrel.protocol.Message;
import dev.carrel.protocol.PayloadException;
import dev.carrel.protocol.Status;
import dev.carrel.protocol.Topic;
import dev.carrel.protocol.WireCodec;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Sees every message as it arrives from the broker, before ingest stores it, and feeds live state: the four
 * event types that change what a dashboard shows, and births (which trigger the re-send of the agent's
 * desired twin). Live state is a view, not a record, so it does not wait for the commit; ingest still
 * validates, stores and acknowledges every message. Malformed messages are ingest's to report; here they are
 * skipped. Runs on the MQTT callback thread: nothing here blocks.
 */
public final class LiveTap {
    private static final Set<String> LIVE = Set.of(
            EventType.LAMP_STATE.wire(),
            EventType.OUTLET_STATE.wire(),
            EventType.PRESENCE_CHANGED.wire(),
            EventType.SEAT_STATE_CHANGED.wire());

    private final WireCodec codec = new WireCodec();
    private final LiveState state;
    private final Consumer<AgentId> births;

    public LiveTap(LiveState state, Consumer<AgentId> births) {
        this.state = state;
        this.births = births;
    }

    public void seen(String topicName, byte[] payload) {
        Topic topic;
        try {
            topic = Topic.parse(topicName);
        } catch (InvalidFieldException e) {
            return;
        }
        boolean live =
                topic.kind() == Topic.Kind.EVENT && LIVE.contains(topic.name().orElse(""));
        if (!live && topic.kind() != Topic.Kind.STATUS) {
            return; // decode only what matters here: the ingest path pays for the rest once
        }
        Message message;
        try {
            message = codec.decode(topic, payload);
        } catch (PayloadException e) {
            return;
        }
        switch (message) {
            case Event e -> state.event(topic.agent(), e.body(), e.ts());
            case Status.Birth b -> births.accept(topic.agent());
            default -> {
                // a death changes no live seat state; the registry records it
            }
        }
    }
}
