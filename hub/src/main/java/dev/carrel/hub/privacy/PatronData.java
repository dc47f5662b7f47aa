package dev.carrel.hub.privacy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What one feature stores about a patron, for export and erasure on the patron's request (issue 6,
 * "Privacy"; docs/patrons.md, "Export and erasure"). Every feature that keeps data about a patron implements
 * it and registers it with {@link Privacy}, so an export and an erasure reach every table.
 *
 * <p>Callers honour: {@link #export} runs on a read connection and must not write; {@link #erase} runs on
 * the store writer's connection inside the one transaction of the whole erasure, so it must not commit,
 * roll back or open connections of its own, and throwing an {@code SQLException} undoes every contributor's
 * erasure. Both may be called for a patron the feature knows nothing about (export: an empty map or list).
 * A feature that told devices about the patron (a seat held for them at an agent) overrides the erasure with
 * {@code afterCommit}: it records its commands in the transaction and leaves their publication there, so a
 * device hears of an erasure only once it is committed.
 */
public interface PatronData {

    /** The section's name in the export document; unique among the contributors. */
    String name();

    /** The patron's data as a value Jackson can write (a record, map or list); empty when there is none. */
    Object export(Connection c, String patronId) throws SQLException;

    /** Deletes the patron's data, or strips what links it to the patron, in the caller's transaction. */
    void erase(Connection c, String patronId) throws SQLException;

    /**
     * Erases as {@link #erase(Connection, String)} does, and adds to {@code afterCommit} what must happen once
     * the whole erasure is committed, and only then (publishing the commands recorded in the transaction).
     * {@link Privacy} calls this one; by default there is nothing to do after the commit.
     */
    default void erase(Connection c, String patronId, List<Runnable> afterCommit) throws SQLException {
        erase(c, patronId);
    }
}
