package dev.carrel.agent.kiosk;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fans kiosk events out to every open event stream. A slow or stuck browser loses its oldest events rather
 * than slowing the agent: each stream has a small bounded queue, and the last seat map and connection state
 * are replayed to a new stream so a reloaded page is current at once.
 */
public final class KioskFeed {
    private static final int QUEUE = 64;

    private final List<BlockingQueue<KioskEvent>> streams = new CopyOnWriteArrayList<>();
    private volatile KioskEvent.SeatMap lastSeats = new KioskEvent.SeatMap(List.of());
    private volatile KioskEvent.Connection lastConnection = new KioskEvent.Connection(false);

    public void publish(KioskEvent event) {
        switch (event) {
            case KioskEvent.SeatMap s -> lastSeats = s;
            case KioskEvent.Connection c -> lastConnection = c;
            default -> {}
        }
        for (BlockingQueue<KioskEvent> q : streams) {
            while (!q.offer(event)) {
                q.poll();
            }
        }
    }

    /** A new stream, primed with the last seat map published and the connection state. */
    public BlockingQueue<KioskEvent> open() {
        return open(lastSeats);
    }

    /**
     * A new stream, primed with the connection state and {@code seats}, the seat map as it is now: before
     * any seat has changed, none has been published, and the page must not be told the room has no seats.
     */
    public BlockingQueue<KioskEvent> open(KioskEvent.SeatMap seats) {
        BlockingQueue<KioskEvent> q = new ArrayBlockingQueue<>(QUEUE);
        q.add(lastConnection);
        q.add(seats);
        streams.add(q);
        return q;
    }

    public void close(BlockingQueue<KioskEvent> stream) {
        streams.remove(stream);
    }

    public int streams() {
        return streams.size();
    }
}
