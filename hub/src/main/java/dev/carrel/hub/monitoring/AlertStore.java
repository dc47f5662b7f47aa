package dev.carrel.hub.monitoring;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Alerts and their states. Methods taking a {@code writer} run on the store writer's connection, inside its
 * transaction; the others read. {@link SqliteAlertStore} is the SQLite one; a PostgreSQL one fills the same.
 */
public interface AlertStore {

    /** What {@link #list} returns: newest first, optionally of one state and one agent. */
    record Query(Optional<AlertState> state, Optional<String> agent, int limit) {}

    /** Opens an alert for the cause unless one is active already; true when a new one opened. */
    boolean raise(Connection writer, AlertCause cause, String message, Instant now) throws SQLException;

    /** The cause went away: its active alert stops being active and, unless staff resolved it, resolves. */
    boolean clear(Connection writer, AlertCause cause, Instant now) throws SQLException;

    /** The causes of one kind still present. */
    Set<AlertCause> active(Connection writer, AlertKind kind) throws SQLException;

    /** Open becomes acknowledged; other states stay. Empty when there is no such alert. */
    Optional<Alert> acknowledge(Connection writer, long id, Instant now) throws SQLException;

    /** Open or acknowledged becomes resolved by staff; resolved stays. Empty when there is no such alert. */
    Optional<Alert> resolve(Connection writer, long id, Instant now) throws SQLException;

    Optional<Alert> find(long id) throws SQLException;

    List<Alert> list(Query query) throws SQLException;
}
