package dev.carrel.hub.patrons;

import dev.carrel.protocol.CredentialHash;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Patrons in the database. Methods without a {@code Connection} read on the read connection; those with one
 * run on the store writer's, inside the caller's transaction, so a patron change commits together with its
 * allow-list change.
 */
public interface PatronStore {

    Optional<Patron> find(String id) throws SQLException;

    /** Patrons whose id or display name contains {@code query} (any case), by name; {@code ""} for all. */
    List<Patron> search(String query, Optional<PatronStatus> status, int limit, int offset) throws SQLException;

    Optional<Patron> byCredential(CredentialHash hash) throws SQLException;

    Set<String> ids() throws SQLException;

    Optional<Patron> read(Connection c, String id) throws SQLException;

    /** Inserts or replaces the patron and its whole set of credentials. */
    void write(Connection c, Patron patron) throws SQLException;

    void delete(Connection c, String id) throws SQLException;

    /** The patron that holds this credential, if any, as the writer sees it. */
    Optional<String> owner(Connection c, CredentialHash hash) throws SQLException;

    /** The stored PIN hash ({@link Pins} form), failures and lock-out end. */
    record Login(String patronId, String pinHash, int failures, Instant lockedUntil) {}

    Optional<Login> login(String patronId) throws SQLException;

    /** The ids of the patrons who have a mobile-pass PIN. */
    Set<String> pinHolders() throws SQLException;

    void writePin(Connection c, String patronId, String pinHash) throws SQLException;

    void writeLoginState(Connection c, String patronId, int failures, Instant lockedUntil) throws SQLException;
}
