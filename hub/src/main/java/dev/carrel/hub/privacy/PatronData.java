package dev.carrel.hub.privacy;

import java.sql.Connection;

/**
 * What one feature stores about a patron, for export and erasure: every feature with patron data registers
 * one with the privacy feature, so an export or an erasure reaches every table.
 */
public interface PatronData {
    /** The feature's name, the key of its part of an export. */
    String name();

    /** Everything the feature holds about the patron, as JSON-writable values. */
    Object export(Connection c, String patronId);

    /** Removes everything the feature holds about the patron, in the caller's transaction. */
    void erase(Connection c, String patronId);
}
