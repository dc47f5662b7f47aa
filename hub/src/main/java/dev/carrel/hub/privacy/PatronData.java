package dev.carrel.hub.privacy;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A feature's data about one patron, so that a patron's export and erasure reach every table (DESIGN §7).
 * {@code export} runs on a read connection and answers something JSON can write; {@code erase} runs on the
 * store writer's connection inside the erasure's transaction.
 */
public interface PatronData {

    String name();

    Object export(Connection c, String patronId) throws SQLException;

    void erase(Connection c, String patronId) throws SQLException;
}
