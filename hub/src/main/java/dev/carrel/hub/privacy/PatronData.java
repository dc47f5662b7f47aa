package dev.carrel.hub.privacy;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A feature's data about one patron, so that an export or an erasure reaches every table (DESIGN §7). Both
 * run on the store writer's connection inside the privacy feature's transaction.
 */
public interface PatronData {

    /** A short name for the export's section, such as {@code engagement}. */
    String name();

    /** What the feature holds about the patron, as a JSON-writable value. */
    Object export(Connection c, String patronId) throws SQLException;

    /** Deletes what the feature holds about the patron. */
    void erase(Connection c, String patronId) throws SQLException;
}
