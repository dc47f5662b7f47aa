package dev.carrel.hub.reservations;

import dev.carrel.hub.patrons.Patron;
import dev.carrel.hub.patrons.PatronCredential;
import dev.carrel.hub.patrons.Patrons;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.CredentialKind;
import dev.carrel.protocol.Credentials;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@link Holders} from the patron registry. A seat is held for the patron's card (what a desk reader reads;
 * a card beats a phone, a Wiegand fob and a face id), or for their mobile pass when they have no card: the
 * agent's seat session knows one hash per holder, so a check-in with another of the patron's credentials is
 * refused at the seat (docs/reservations.md).
 */
final class PatronHolders implements Holders {
    private static final List<CredentialKind> PREFERENCE =
            List.of(CredentialKind.CARD_UID, CredentialKind.NFC_PHONE, CredentialKind.WIEGAND, CredentialKind.FACE);

    private final Patrons patrons;

    PatronHolders(Patrons patrons) {
        this.patrons = patrons;
    }

    @Override
    public Optional<CredentialHash> holderOf(String patronId) throws SQLException {
        Optional<Patron> patron = patrons.find(patronId);
        if (patron.isEmpty()) {
            return Optional.empty();
        }
        Optional<CredentialHash> card = patron.get().credentials().stream()
                .min(Comparator.comparingInt(c -> PREFERENCE.indexOf(c.kind())))
                .map(PatronCredential::hash);
        return card.isPresent() ? card : Optional.of(pass(patron.get()));
    }

    @Override
    public Optional<String> patronOf(CredentialHash hash) throws SQLException {
        return patrons.byCredential(hash).map(Patron::id);
    }

    @Override
    public List<CredentialHash> hashesOf(String patronId) throws SQLException {
        List<CredentialHash> out = new ArrayList<>();
        Optional<Patron> patron = patrons.find(patronId);
        patron.ifPresent(p -> {
            p.credentials().forEach(c -> out.add(c.hash()));
            out.add(pass(p));
        });
        return out;
    }

    /** A gate hashes a valid mobile pass by the patron's pseudonym (docs/gate.md). */
    private CredentialHash pass(Patron p) {
        try {
            return patrons.key().hash(CredentialKind.QR_PASS, p.pseudonym());
        } catch (Credentials.Malformed e) {
            throw new IllegalStateException("a pseudonym is always a valid pass subject", e);
        }
    }
}
