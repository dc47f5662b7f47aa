package dev.carrel.hub.access;

import dev.carrel.hub.patrons.AllowlistLedger;
import dev.carrel.hub.patrons.PatronCredential;
import dev.carrel.hub.patrons.PatronDraft;
import dev.carrel.hub.patrons.PatronGroup;
import dev.carrel.hub.patrons.PatronStatus;
import dev.carrel.hub.patrons.Patrons;
import dev.carrel.hub.patrons.Pins;
import dev.carrel.hub.patrons.SiteKey;
import dev.carrel.hub.patrons.SqlitePatronStore;
import dev.carrel.hub.spaces.Committed;
import dev.carrel.hub.store.Database;
import dev.carrel.hub.store.StoreWriter;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.CredentialKind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The real patron registry and allow-list ledger on a SQLite file, for access tests. */
final class PatronsOnDisk implements AutoCloseable {
    final Database database;
    final StoreWriter writer;
    final AllowlistLedger ledger;
    final Patrons patrons;

    PatronsOnDisk(Path dir, Clock clock) throws Exception {
        database = Database.open(dir.resolve("hub.db"));
        writer = new StoreWriter(database, (what, e) -> {});
        ledger = new AllowlistLedger(database);
        byte[] secret = new byte[32];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) (i * 7);
        }
        patrons = new Patrons(
                new Patrons.Base(new SqlitePatronStore(database), ledger, writer, clock),
                SiteKey.of(secret),
                new Pins(1_000));
    }

    /** Registers a patron with one campus card; each call is one allow-list version. */
    void add(String id, String name, PatronStatus status, Optional<Instant> validUntil, String cardUid)
            throws Exception {
        PatronDraft draft = new PatronDraft(
                id,
                name,
                PatronGroup.UNDERGRADUATE,
                "",
                status,
                validUntil,
                List.of(new PatronCredential(CredentialKind.CARD_UID, card(cardUid))),
                Optional.empty());
        Committed.write(writer, "test patron " + id, c -> patrons.apply(c, draft));
    }

    CredentialHash card(String uid) throws Exception {
        return patrons.key().hash(CredentialKind.CARD_UID, uid);
    }

    @Override
    public void close() throws java.sql.SQLException {
        writer.close();
        database.close();
    }
}
