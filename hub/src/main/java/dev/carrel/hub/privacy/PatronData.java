package dev.carrel.hub.privacy;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What one feature stores about a patron, for export and erasure on the patron's request (issue 6,
 * "Privacy"; docs/patrons.md, "Export and erasure"). Every feature that keeps data about a patron implements
 * it and registers it with {@link Privacy}, so an export and an erasure reach every table.
 *
 * <p>Callers honour: {@link #export} runs on a read connection and must not write; {@link #erase} runs on
 * the store writer's connection inside the one transaction of the whole erasure, so it must not commit,
 * roll back or open connections of its own, and throwing an {@code SQLException} undoes every contributor's
 * erasure. Both may be called for a patron the feature knows nothing about (export: an empty map or list).
 */
public interface PatronData {

    /** The section's name in the export document; unique among the contributors. */
    String name();

    /** The patron's data as a value Jackson can write (a record, map or list); empty when there is none. */
    Object export(Connection c, String patronId) throws SQLException;

    /** Deletes the patron's data, or strips what links it to the patron, in the caller's transaction. */
    void erase(Connection c, String patronId) throws SQLException;
}
