package dev.carrel.hub.engagement;

import dev.carrel.hub.patrons.SiteKey;
import dev.carrel.protocol.CredentialKind;
import dev.carrel.protocol.EventBody;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Kiosk check-ins at events ({@code event_check_in}, docs/engagement.md), on ingest's writer connection: the
 * credential names a patron — a card by its registered hash, a mobile pass by the hash of its pseudonym, which
 * the hub recomputes with the site key for the patrons registered at the events open for check-in — and the
 * patron is checked in where they hold a place; with no event to check in at, a card checks a volunteer in at
 * (or out of) an open shift they signed up for. Without patrons set up (no site key) a pass names nobody.
 */
final class EventCheckIns {
    private static final Logger LOG = Logger.getLogger(EventCheckIns.class.getName());

    private final EventBook book;
    private final Volunteering volunteering;
    private final Supplier<Optional<SiteKey>> key;

    EventCheckIns(EventBook book, Volunteering volunteering, Supplier<Optional<SiteKey>> key) {
        this.book = book;
        this.volunteering = volunteering;
        this.key = key;
    }

    EventBook.CheckInResult checkIn(Connection c, EventBody.EventCheckIn in, String zone) throws SQLException {
        Optional<String> patron = in.kind() == CredentialKind.QR_PASS ? passHolder(c, in, zone) : cardHolder(c, in);
        if (patron.isEmpty()) {
            LOG.info(() -> "event check-in at " + in.kioskId() + ": the credential names no patron");
            return new EventBook.CheckInResult(EventBook.CheckIn.NOT_REGISTERED, Optional.empty());
        }
        EventBook.CheckInResult result =
                book.checkIn(c, patron.get(), zone, in.kind() == CredentialKind.QR_PASS ? "qr" : "card");
        if (result.outcome() == EventBook.CheckIn.NOT_REGISTERED && volunteering.tap(c, patron.get(), zone)) {
            LOG.info(() -> "volunteer check-in or check-out at " + in.kioskId());
            return result;
        }
        LOG.info(() -> "event check-in at " + in.kioskId() + ": " + result.outcome());
        return result;
    }

    private static Optional<String> cardHolder(Connection c, EventBody.EventCheckIn in) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT patron_id FROM patron_credentials WHERE hash = ?")) {
            s.setString(1, in.credential().hex());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private Optional<String> passHolder(Connection c, EventBody.EventCheckIn in, String zone) throws SQLException {
        Optional<SiteKey> site = key.get();
        if (site.isEmpty()) {
            return Optional.empty();
        }
        String sql = "SELECT p.id, p.pseudonym FROM event_registrations r JOIN patrons p ON p.id = r.patron_id"
                + " WHERE r.event_id = ? AND r.state = 'place'";
        for (LibraryEvent e : book.openForCheckIn(c, zone)) {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, e.id());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        if (hashOf(site.get(), rs.getString(2)).equals(Optional.of(in.credential()))) {
                            return Optional.of(rs.getString(1));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<dev.carrel.protocol.CredentialHash> hashOf(SiteKey key, String pseudonym) {
        try {
            return Optional.of(key.hash(CredentialKind.QR_PASS, pseudonym));
        } catch (dev.carrel.protocol.Credentials.Malformed e) {
            return Optional.empty();
        }
    }
}
