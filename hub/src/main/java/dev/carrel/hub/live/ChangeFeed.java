package dev.carrel.hub.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fans changes out to live subscribers (the SSE streams). A change is written as JSON once, then offered to
 * every subscriber's bounded queue; publishing never blocks. A subscriber that falls behind is cut off
 * rather than slowing everyone: its stream ends, and the client reconnects and reads the state afresh.
 */
public final class ChangeFeed {
    private static final Logger LOG = Logger.getLogger(ChangeFeed.class.getName());

    private final ObjectMapper json;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();

    public ChangeFeed(ObjectMapper json) {
        this.json = json;
    }

    /** One change: the SSE event name, its JSON data, and the zone it concerns (empty for none). */
    public record Change(String name, String data, String zone) {}

    /** A subscriber's queue; {@link #overflowed()} once it missed a change. */
    public final class Subscription implements AutoCloseable {
        private final BlockingQueue<Change> queue;
        private final String zone;
        private volatile boolean overflowed;

        private Subscription(int capacity, String zone) {
            this.queue = new ArrayBlockingQueue<>(capacity);
            this.zone = zone;
        }

        void offer(Change change) {
            if (!zone.isEmpty() && !zone.equals(change.zone())) {
                return;
            }
            if (!queue.offer(change)) {
                overflowed = true;
            }
        }

        public Change poll(long timeout, TimeUnit unit) throws InterruptedException {
            return queue.poll(timeout, unit);
        }

        public boolean overflowed() {
            return overflowed;
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }

    /** Subscribes to every change, or to one zone's when {@code zone} is not empty. */
    public Subscription subscribe(int capacity, String zone) {
        Subscription s = new Subscription(capacity, zone);
        subscriptions.add(s);
        return s;
    }

    public int subscribers() {
        return subscriptions.size();
    }

    public void publish(String name, String zone, Object data) {
        if (subscriptions.isEmpty()) {
            return;
        }
        String text;
        try {
            text = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            LOG.log(Level.WARNING, "cannot write a " + name + " change as JSON", e);
            return;
        }
        Change change = new Change(name, text, zone);
        for (Subscription s : subscriptions) {
            s.offer(change);
        }
    }
}
