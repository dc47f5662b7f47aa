package dev.carrel.hub.privacy;

import dev.carrel.hub.patrons.SiteKey;
import dev.carrel.protocol.CredentialKind;
import dev.carrel.protocol.Credentials;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Every credential hash that ever stood for a patron, as events carry them: the credentials the registry
 * holds now, those the allow-list still remembers under the patron's pseudonym (replaced cards, and all of a
 * patron the import removed), and the hash of the patron's mobile passes ({@code qr_pass:<pseudonym>}, the
 * gate hashes a valid pass by its pseudonym: docs/gate.md). A card that has since moved to another patron is
 * listed under the new holder only.
 */
final class PatronHashes {
    private PatronHashes() {}

    static Set<String> of(Connection c, SiteKey key, String patronId) throws SQLException {
        String pseudonym = key.pseudonym(patronId);
        Set<String> out = new LinkedHashSet<>();
        collect(c, "SELECT hash FROM patron_credentials WHERE patron_id = ?", patronId, out);
        collect(c, "SELECT credential FROM allowlist_entries WHERE pseudonym = ?", pseudonym, out);
        try {
            out.add(key.hash(CredentialKind.QR_PASS, pseudonym).hex());
        } catch (Credentials.Malformed e) {
            throw new IllegalStateException("a pseudonym is always a valid QR text", e);
        }
        return out;
    }

    private static void collect(Connection c, String sql, String arg, Set<String> out) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
    }
}
