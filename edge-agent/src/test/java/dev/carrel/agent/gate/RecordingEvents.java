package dev.carrel.agent.gate;

import dev.carrel.protocol.EventBody;
import java.util.ArrayList;
import java.util.List;

/** An event sink that keeps what it is given. */
final class RecordingEvents implements EventSink {
    private final List<EventBody> events = new ArrayList<>();

    @Override
    public synchronized void publish(EventBody body) {
        events.add(body);
    }

    synchronized List<EventBody> all() {
        return List.copyOf(events);
    }

    synchronized <T extends EventBody> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    synchronized void clear() {
        events.clear();
    }
}
