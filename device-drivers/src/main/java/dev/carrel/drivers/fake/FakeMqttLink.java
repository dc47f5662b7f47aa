package dev.carrel.drivers.fake;

import dev.carrel.drivers.network.MqttLink;
import dev.carrel.drivers.network.TopicFilter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory MQTT link: {@link #deliver} plays a message from a device to the subscribers, on
 * the caller's thread; {@link #published()} lists what drivers sent.
 */
public final class FakeMqttLink implements MqttLink {

    /** One publish, payload as UTF-8 text. */
    public record Sent(String topic, String payload, boolean retained) {}

    private final Map<String, MessageHandler> handlers = new ConcurrentHashMap<>();
    private final List<Sent> published = new ArrayList<>();
    private volatile boolean connected = true;

    @Override
    public synchronized boolean publish(String topic, byte[] payload, boolean retained) {
        if (!connected) {
            return false;
        }
        published.add(new Sent(topic, new String(payload, StandardCharsets.UTF_8), retained));
        return true;
    }

    @Override
    public void subscribe(String filter, MessageHandler handler) {
        handlers.put(filter, handler);
    }

    /** A device publishes {@code payload} on {@code topic}. */
    public void deliver(String topic, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        handlers.forEach((filter, h) -> {
            if (TopicFilter.matches(filter, topic)) {
                h.message(topic, bytes);
            }
        });
    }

    public synchronized List<Sent> published() {
        return List.copyOf(published);
    }

    public void connected(boolean up) {
        connected = up;
    }

    @Override
    public boolean connected() {
        return connected;
    }

    @Override
    public void close() {
        connected = false;
    }
}
