package dev.carrel.hub.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where refused messages go. Writes run on the store writer's connection, inside the transaction whose
 * commit acknowledges the message; reads on the read side. {@link SqliteDeadLetterStore} is the SQLite one.
 */
public interface DeadLetterStore {

    void add(Connection writer, DeadLetter letter) throws SQLException;

    /** The newest first, at most {@code limit}, of one agent or of all. */
    List<DeadLetter> recent(int limit, Optional<String> agent) throws SQLException;

    /** Deletes those received before {@code cutoff}; returns how many. */
    int deleteBefore(Connection writer, Instant cutoff) throws SQLException;
}
