package dev.carrel.hub.patrons;

import dev.carrel.hub.store.StoreWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One write through the store writer whose answer the caller collects later: the writer runs it in its own
 * savepoint (a failing row is rolled back alone, the rest of the group commits), and the future completes
 * after the commit, or exceptionally with the row's own failure. Lets an import queue a batch of rows and
 * then wait for all of them.
 */
final class RowWrite {
    private RowWrite() {}

    interface Query<T> {
        T apply(Connection c) throws SQLException;
    }

    static <T> CompletableFuture<T> submit(StoreWriter writer, String what, Query<T> query) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<SQLException> failure = new AtomicReference<>();
        writer.submit(
                what,
                c -> {
                    try {
                        result.set(query.apply(c));
                    } catch (SQLException e) {
                        failure.set(e);
                        throw e;
                    } catch (RuntimeException e) {
                        // Only SQLExceptions are rolled back one by one; anything else would sink the group.
                        SQLException wrapped = new SQLException(what + " failed: " + e.getMessage(), e);
                        failure.set(wrapped);
                        throw wrapped;
                    }
                },
                () -> {
                    if (failure.get() != null) {
                        answer.completeExceptionally(failure.get());
                    } else {
                        answer.complete(result.get());
                    }
                });
        return answer;
    }
}
