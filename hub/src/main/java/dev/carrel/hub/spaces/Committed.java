package dev.carrel.hub.spaces;

import dev.carrel.hub.store.StoreWriter;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A write through the hub's one {@link StoreWriter} that the caller waits for: an API request answers only
 * once its change is committed, and learns if it failed. Never call it from the writer thread itself.
 */
public final class Committed {
    private Committed() {}

    public static void write(StoreWriter writer, String what, StoreWriter.Write write) throws SQLException {
        AtomicReference<SQLException> failure = new AtomicReference<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        writer.submit(
                what,
                c -> {
                    try {
                        write.apply(c);
                    } catch (SQLException e) {
                        failure.set(e);
                        throw e;
                    } catch (RuntimeException e) {
                        // The writer rolls back only SQLExceptions one by one; anything else would sink the batch.
                        SQLException wrapped = new SQLException(what + " failed: " + e.getMessage(), e);
                        failure.set(wrapped);
                        throw wrapped;
                    }
                },
                () -> done.complete(null));
        try {
            done.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new SQLException(what + " was not committed in time", e);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
