package dev.carrel.drivers.fake;

import dev.carrel.drivers.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A scheduler whose time moves only when a test calls {@link #advance}. Due tasks run on the
 * caller's thread, in due order, each seeing {@link #now()} at its own due time.
 */
public final class ManualScheduler implements Scheduler {

    private record Task(long dueNanos, long seq, Runnable body, boolean[] cancelled) {}

    private final Instant epoch;
    private final PriorityQueue<Task> queue =
            new PriorityQueue<>(Comparator.comparingLong(Task::dueNanos).thenComparingLong(Task::seq));
    private long nanos;
    private long seq;

    public ManualScheduler() {
        this(Instant.parse("2026-01-05T09:00:00Z"));
    }

    public ManualScheduler(Instant start) {
        this.epoch = start;
    }

    @Override
    public synchronized Instant now() {
        return epoch.plusNanos(nanos);
    }

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        boolean[] cancelled = {false};
        queue.add(new Task(nanos + Math.max(0, delay.toNanos()), seq++, task, cancelled));
        return () -> {
            synchronized (ManualScheduler.this) {
                cancelled[0] = true;
            }
        };
    }

    /** Moves time forward, running every task that falls due on the way. */
    public void advance(Duration by) {
        long target;
        synchronized (this) {
            target = nanos + by.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.dueNanos() > target) {
                    nanos = target;
                    return;
                }
                queue.poll();
                nanos = Math.max(nanos, next.dueNanos());
                if (next.cancelled()[0]) {
                    continue;
                }
            }
            next.body().run();
        }
    }

    /** Tasks not yet run and not cancelled, for assertions. */
    public synchronized int pendingTasks() {
        List<Task> live = new ArrayList<>();
        for (Task t : queue) {
            if (!t.cancelled()[0]) {
                live.add(t);
            }
        }
        return live.size();
    }
}
