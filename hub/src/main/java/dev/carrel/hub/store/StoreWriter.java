package dev.carrel.hub.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The database's one writer: a thread that takes queued writes and commits them in groups, then runs each
 * write's {@code afterCommit} (where ingest acknowledges the MQTT message, so nothing acknowledged is lost).
 *
 * <p>Each write runs inside its own savepoint: one that fails is rolled back alone, logged and counted, and
 * the rest of its group still commits. Submitting blocks when the queue is full, which is the back-pressure
 * that slows the MQTT client down.
 *
 * <p>A whole group fails only when its commit fails (disk full, the file gone): then nothing in it was
 * acknowledged, the broker re-delivers it, and {@link #healthy()} is false until a later commit succeeds.
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

    /** A unit of work that answers something, for {@link #call}. */
    public interface Query<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Told how long each group commit took (the transaction from its first write to its commit). */
    public interface CommitListener {
        void committed(int writes, long nanos);
    }

    private record Task(String what, Write write, Runnable afterCommit, Consumer<Exception> groupFailed) {}

    private static final Task STOP = new Task("stop", c -> {}, () -> {}, e -> {});

    private final Connection connection;
    private final BlockingQueue<Task> queue = new ArrayBlockingQueue<>(8192);
    private final FailureListener failures;
    private final CommitListener commits;
    private final Thread thread;
    private volatile boolean lastCommitFailed;

    public StoreWriter(Database database, FailureListener failures) throws SQLException {
        this(database, failures, (writes, nanos) -> {});
    }

    public StoreWriter(Database database, FailureListener failures, CommitListener commits) throws SQLException {
        this.connection = database.open();
        this.connection.setAutoCommit(false);
        this.failures = failures;
        this.commits = commits;
        this.thread = Thread.ofPlatform().name("store-writer").daemon(true).start(this::run);
    }

    /** Queues a write; {@code afterCommit} runs on the writer thread once it is durable, or once it failed. */
    public void submit(String what, Write write, Runnable afterCommit) {
        enqueue(new Task(what, write, afterCommit, e -> {}));
    }

    /**
     * Runs a write in the next group and completes with its answer once committed; completes exceptionally
     * when the write throws (it is then rolled back alone) or its group's commit fails.
     */
    public <T> CompletableFuture<T> call(String what, Query<T> query) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        List<T> result = new ArrayList<>(1);
        enqueue(new Task(
                what,
                c -> {
                    try {
                        result.add(query.apply(c));
                    } catch (SQLException e) {
                        answer.completeExceptionally(e);
                        throw e;
                    } catch (RuntimeException e) {
                        // Rolled back alone like a refused write, rather than failing the whole group.
                        answer.completeExceptionally(e);
                        throw new SQLException(what + " failed: " + e.getMessage(), e);
                    }
                },
                () -> {
                    if (!result.isEmpty()) {
                        answer.complete(result.getFirst());
                    }
                },
                answer::completeExceptionally));
        return answer;
    }

    private void enqueue(Task task) {
        if (!thread.isAlive()) {
            throw new IllegalStateException("the store writer is stopped");
        }
        try {
            queue.put(task);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing " + task.what(), e);
        }
    }

    /** False once the writer has stopped, or while its last group commit failed. */
    public boolean healthy() {
        return thread.isAlive() && !lastCommitFailed;
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
                lastCommitFailed = true;
                LOG.log(Level.SEVERE, "store writer: commit of " + batch.size() + " writes failed", e);
                rollbackQuietly();
                for (Task task : batch) {
                    task.groupFailed().accept(e);
                }
                batch.clear();
            }
        }
    }

    private void commit(List<Task> batch) throws SQLException {
        long start = System.nanoTime();
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
        lastCommitFailed = false;
        commits.committed(batch.size(), System.nanoTime() - start);
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
