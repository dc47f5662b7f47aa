package dev.carrel.agent.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the outbox in order through a bounded window of unacknowledged QoS 1 publishes, and removes each
 * entry when its PUBACK arrives. One thread of its own does all outbox reads and writes for the drain, so
 * Paho's callback thread only queues acknowledgements and never waits on the disk (STACK §5: callbacks
 * share one thread).
 *
 * <p>The window stays at or below the broker's Receive Maximum (MQTT 5 §3.3.4): Paho 1.2.5 refuses a
 * publish beyond it with 32202 (STACK "Pitfall"), which arrives here as {@link OutboxLink.Sent#BUSY}; the
 * window then shrinks to what is in flight, until the next connection. After every new connection, and a
 * moment after a publish the broker refused, it sends again from the oldest entry: delivery is at least
 * once, and the hub dedupes by event id.
 */
public final class OutboxDrain implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OutboxDrain.class.getName());
    private static final long IDLE_MS = 200;
    private static final long BUSY_MS = 5;
    private static final long RESEND_AFTER_FAILURE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Outbox outbox;
    private final OutboxLink link;
    private final int maxWindow;
    private final Thread thread;
    private final Semaphore wake = new Semaphore(0);
    private final ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong generation = new AtomicLong();
    private final AtomicBoolean failed = new AtomicBoolean();
    private final AtomicLong failedAt = new AtomicLong();
    private volatile boolean closed;

    // Touched by the drain thread only (or by a test driving step() by hand).
    private long connection;
    private long lastSent;
    private int window;

    /**
     * @param window most publishes in flight; keep it below the broker's Receive Maximum (Mosquitto: 20)
     *     with room for the agent's other QoS 1 messages (birth, replies, requests)
     */
    public OutboxDrain(Outbox outbox, OutboxLink link, int window, String name) {
        if (window < 1 || window > 65_535) {
            throw new IllegalArgumentException("outbox window must be 1-65535, got " + window);
        }
        this.outbox = outbox;
        this.link = link;
        this.maxWindow = window;
        this.window = window;
        this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    /** Something changed (a new entry, a connection): look now rather than at the next tick. */
    public void wake() {
        wake.release();
    }

    public int inFlight() {
        return inFlight.get();
    }

    private void run() {
        while (!closed) {
            try {
                boolean busy = step();
                wake.tryAcquire(busy ? BUSY_MS : IDLE_MS, TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "outbox drain failed; trying again in a second", e);
                pause();
            }
        }
    }

    /**
     * One round: forget what was acknowledged, start over on a new connection, send up to the window.
     *
     * @return true when the client was busy and the round should come again soon
     */
    boolean step() {
        removeAcknowledged();
        long now = link.connection();
        if (now == 0) {
            return false;
        }
        if (now != connection) {
            startOver(now);
        } else if (failed.get()) {
            // Let the window empty, wait a moment, then send everything unacknowledged again.
            if (inFlight.get() > 0 || System.nanoTime() - failedAt.get() < RESEND_AFTER_FAILURE_NANOS) {
                return false;
            }
            failed.set(false);
            lastSent = 0;
        }
        return sendWindow();
    }

    private void startOver(long newConnection) {
        connection = newConnection;
        lastSent = 0;
        window = maxWindow;
        generation.incrementAndGet(); // acknowledgements of the old connection no longer free a slot
        inFlight.set(0);
        failed.set(false);
    }

    private boolean sendWindow() {
        int room = window - inFlight.get();
        if (room <= 0 || outbox.size() == 0) {
            return false;
        }
        long gen = generation.get();
        for (Queued queued : outbox.peek(lastSent, room)) {
            inFlight.incrementAndGet(); // before sending: the PUBACK may beat send()'s return
            OutboxLink.Sent sent = link.send(queued, (position, delivered) -> acknowledged(gen, position, delivered));
            if (sent != OutboxLink.Sent.SENT) {
                inFlight.decrementAndGet();
            }
            switch (sent) {
                case SENT -> lastSent = queued.position();
                case BUSY -> {
                    int shrunk = Math.max(1, inFlight.get());
                    if (shrunk < window) {
                        LOG.info(() -> "the broker takes fewer publishes in flight than the outbox window; window "
                                + window + " -> " + shrunk);
                        window = shrunk;
                    }
                    return true;
                }
                case DOWN -> {
                    return false;
                }
                case UNREADABLE -> {
                    LOG.severe(() -> "outbox entry " + queued.entry() + " cannot be read back as an event and"
                            + " can never be sent; removing it");
                    outbox.remove(List.of(queued.position()));
                    lastSent = queued.position();
                }
            }
        }
        return false;
    }

    private void acknowledged(long gen, long position, boolean delivered) {
        if (delivered) {
            acknowledged.add(position);
        } else {
            failedAt.set(System.nanoTime());
            failed.set(true);
        }
        if (gen == generation.get()) {
            inFlight.decrementAndGet();
        }
        wake.release();
    }

    private void removeAcknowledged() {
        List<Long> done = new ArrayList<>();
        for (Long position = acknowledged.poll(); position != null; position = acknowledged.poll()) {
            done.add(position);
        }
        if (!done.isEmpty()) {
            // If this fails the entries stay and go out again after the next connect: a duplicate, not a loss.
            outbox.remove(done);
        }
    }

    private void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** Stops the thread; entries not yet acknowledged stay in the outbox for the next start. */
    @Override
    public void close() {
        closed = true;
        wake.release();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }
}
