package dev.carrel.hub.engagement;

import dev.carrel.hub.spaces.Committed;
import dev.carrel.hub.store.StoreWriter;
import java.sql.SQLException;

/**
 * A {@link Committed} write whose refusals ({@link Requests.Refused}, not found, a bad field) reach the caller
 * as they were thrown inside it, rolled back, so a route answers them with their own status.
 */
final class Committing {
    private Committing() {}

    static void write(StoreWriter writer, String what, StoreWriter.Write write) throws SQLException {
        try {
            Committed.write(writer, what, write);
        } catch (SQLException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
