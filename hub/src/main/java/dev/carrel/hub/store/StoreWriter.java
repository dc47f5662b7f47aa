package dev.carrel.hub.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The database's one writer: a thread that takes queued writes and commits them in groups, then runs each
 * write's {@code afterCommit} (where ingest acknowledges the MQTT message, so nothing acknowledged is lost).
 *
 * <p>Each write runs inside its own savepoint: one that fails is rolled back alone, logged and counted, and
 * the rest of its group still commits. Submitting blocks when the queue is full, which is the back-pressure
 * that slows the MQTT client down.
 */
public final class StoreWriter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StoreWriter.class.getName());
    private static final int MAX_BATCH = 512;

    /** One unit of work on the writer's connection. */
    public interface Write {
        void apply(Connection connection) throws SQLException;
    }

    /** Told of writes that failed and were skipped. */
    public interface FailureListener {
        void failed(String what, SQLException e);
    }

    private record Task(String what, Write write, Runnable afterCommit) {}

    private static final Task STOP = new Task("stop", c -> {}, () -> {});

    private final Connection connection;
    private final BlockingQueue<Task> queue = new ArrayBlockingQueue<>(8192);
    private final FailureListener failures;
    private final Thread thread;

    public StoreWriter(Database database, FailureListener failures) throws SQLException {
        this.connection = database.open();
        this.connection.setAutoCommit(false);
        this.failures = failures;
        this.thread = Thread.ofPlatform().name("store-writer").daemon(true).start(this::run);
    }

    /** Queues a write; {@code afterCommit} runs on the writer thread once it is durable, or once it failed. */
    public void submit(String what, Write write, Runnable afterCommit) {
        if (!thread.isAlive()) {
            throw new IllegalStateException("the store writer is stopped");
        }
        try {
            queue.put(new Task(what, write, afterCommit));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing " + what, e);
        }
    }

    /** Queued writes not yet committed. */
    public int backlog() {
        return queue.size();
    }

    private void run() {
        List<Task> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                Task first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                boolean stop = batch.remove(STOP);
                commit(batch);
                batch.clear();
                if (stop) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | SQLException e) {
                // The batch's writes were rolled back and never acknowledged: the broker will re-deliver them.
                LOG.log(Level.SEVERE, "store writer: commit of " + batch.size() + " writes failed", e);
                rollbackQuietly();
                batch.clear();
            }
        }
    }

    private void commit(List<Task> batch) throws SQLException {
        for (Task task : batch) {
            Savepoint savepoint = connection.setSavepoint();
            try {
                task.write().apply(connection);
                connection.releaseSavepoint(savepoint);
            } catch (SQLException e) {
                connection.rollback(savepoint);
                failures.failed(task.what(), e);
            }
        }
        connection.commit();
        for (Task task : batch) {
            try {
                task.afterCommit().run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "after-commit action of " + task.what() + " failed", e);
            }
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "rollback failed", e);
        }
    }

    /** Commits what is queued, then stops. */
    @Override
    public void close() throws SQLException {
        if (thread.isAlive()) {
            try {
                queue.put(STOP);
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        connection.close();
    }
}
