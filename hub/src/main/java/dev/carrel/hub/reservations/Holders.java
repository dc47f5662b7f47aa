package dev.carrel.hub.reservations;

import dev.carrel.protocol.CredentialHash;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Who a seat's credential hash belongs to, and which hash a seat is held for. The patron registry answers
 * when access is on ({@code PatronHolders}); without it nobody can book from the pass page, and staff see
 * only what the agents report.
 */
public interface Holders {
    Holders NONE = new Holders() {
        @Override
        public Optional<CredentialHash> holderOf(String patronId) {
            return Optional.empty();
        }

        @Override
        public Optional<String> patronOf(CredentialHash hash) {
            return Optional.empty();
        }

        @Override
        public List<CredentialHash> hashesOf(String patronId) {
            return List.of();
        }
    };

    /** The hash a seat is reserved for: the one the patron checks in with at the seat. */
    Optional<CredentialHash> holderOf(String patronId) throws SQLException;

    Optional<String> patronOf(CredentialHash hash) throws SQLException;

    /** Every hash of the patron, for the gate evidence of a violation. */
    List<CredentialHash> hashesOf(String patronId) throws SQLException;
}
