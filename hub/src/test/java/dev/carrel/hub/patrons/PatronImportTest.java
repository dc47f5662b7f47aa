package dev.carrel.hub.patrons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.hub.store.Database;
import dev.carrel.hub.store.StoreWriter;
import dev.carrel.protocol.CredentialKind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV import (docs/patrons.md, "CSV import") on a real SQLite file, run synchronously through its class. */
class PatronImportTest {
    private static final String HEADER = "id,name,group,status,card_uid\n";

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T08:00:00Z"));
    private Database database;
    private StoreWriter writer;
    private Patrons patrons;
    private AllowlistLedger ledger;
    private PatronImport importer;

    @BeforeEach
    void open() throws Exception {
        database = Database.open(dir.resolve("hub.db"));
        writer = new StoreWriter(database, (what, e) -> {});
        ledger = new AllowlistLedger(database);
        byte[] secret = new byte[32];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) i;
        }
        patrons = new Patrons(
                new Patrons.Base(new SqlitePatronStore(database), ledger, writer, clock),
                SiteKey.of(secret),
                new Pins(1_000));
        importer = new PatronImport(patrons, writer, clock);
    }

    @AfterEach
    void close() throws Exception {
        writer.close();
        database.close();
    }

    @Test
    void dryRun_reportsWhatWouldChange_andWritesNothing() throws Exception {
        run(HEADER + "a1,Ann Lee,undergraduate,active,04A1B2C3\nb2,Bo Chen,faculty,active,04000001\n", false, true);
        long version = ledger.version();
        Optional<Patron> annBefore = patrons.find("a1");

        ImportJob.Report report = run(
                HEADER + "a1,Ann Leigh,undergraduate,active,04A1B2C3\nc3,Cy Park,visitor,active,04000003\n",
                true,
                true);

        assertEquals(ImportJob.State.DONE, report.state());
        assertTrue(report.dryRun());
        assertEquals(List.of(1, 1, 0, 1, 0), counts(report), "added, changed, unchanged, removed, failed");
        assertEquals(Set.of("a1", "b2"), patrons.store().ids(), "c3 not added, b2 not removed");
        assertEquals(annBefore, patrons.find("a1"), "a1 not renamed");
        assertEquals(version, ledger.version(), "no allow-list row written");
        assertTrue(patrons.byCredential(card("04000003")).isEmpty());
    }

    @Test
    void import_badRows_areReportedByRowAndField_andOnlyGoodRowsApply() throws Exception {
        run(HEADER + "k9,Kim Old,staff,active,04000009\n", false, true);

        ImportJob.Report report = run(
                HEADER
                        + "a1,Ann Lee,undergraduate,active,04A1B2C3\n" // row 2: good
                        + "b2,Bo Chen,wizard,active,04000002\n" // row 3: unknown group
                        + ",No Id,faculty,active,04000004\n" // row 4: missing id
                        + "k9,Kim New,staff,active,XYZ\n" // row 5: malformed card UID, existing patron
                        + "d4,Di Ray,postgraduate,active,04000005\n", // row 6: good
                false,
                true);

        assertEquals(ImportJob.State.DONE, report.state());
        assertEquals(List.of(2, 0, 0, 0, 3), counts(report), "added, changed, unchanged, removed, failed");
        assertEquals(5, report.total());
        assertEquals(5, report.processed());
        assertEquals(
                List.of("3:group", "4:id", "5:card_uid"),
                report.errors().stream().map(e -> e.row() + ":" + e.field()).toList());
        assertEquals(Set.of("a1", "d4", "k9"), patrons.store().ids(), "b2 not added; k9, in the file, not removed");
        Patron kim = patrons.find("k9").orElseThrow();
        assertEquals("Kim Old", kim.displayName(), "the bad row changed nothing of k9");
        assertEquals(List.of(new PatronCredential(CredentialKind.CARD_UID, card("04000009"))), kim.credentials());
        assertTrue(patrons.byCredential(card("04000002")).isEmpty());
        assertTrue(patrons.byCredential(card("04000004")).isEmpty());
        assertEquals("d4", patrons.byCredential(card("04000005")).orElseThrow().id());
    }

    @Test
    void reimport_sameFile_reportsEveryRowUnchanged_andWritesNothing() throws Exception {
        String csv = HEADER
                + "a1,Ann Lee,undergraduate,active,04A1B2C3\n"
                + "b2,Bo Chen,faculty,suspended,04000001|04000002\n"
                + "c3,\"Park, Cy\",visitor,expired,\n";
        run(csv, false, true);
        long version = ledger.version();
        List<Optional<Patron>> before = List.of(patrons.find("a1"), patrons.find("b2"), patrons.find("c3"));
        clock.advanceSeconds(60); // a rewritten row would carry a new updatedAt

        ImportJob.Report report = run(csv, false, true);

        assertEquals(List.of(0, 0, 3, 0, 0), counts(report), "added, changed, unchanged, removed, failed");
        assertEquals(before, List.of(patrons.find("a1"), patrons.find("b2"), patrons.find("c3")));
        assertEquals(version, ledger.version());
    }

    @Test
    void import_changedNameAndStatus_areReportedChanged_andApplied() throws Exception {
        run(
                HEADER + "a1,Ann Lee,undergraduate,active,04A1B2C3\n"
                        + "b2,Bo Chen,faculty,active,04000001\n"
                        + "c3,Cy Park,visitor,active,04000003\n",
                false,
                true);
        long version = ledger.version();

        ImportJob.Report report = run(
                HEADER + "a1,Ann Leigh-Smith,undergraduate,active,04A1B2C3\n"
                        + "b2,Bo Chen,faculty,suspended,04000001\n"
                        + "c3,Cy Park,visitor,active,04000003\n",
                false,
                true);

        assertEquals(List.of(0, 2, 1, 0, 0), counts(report), "added, changed, unchanged, removed, failed");
        Patron ann = patrons.find("a1").orElseThrow();
        assertEquals("Ann Leigh-Smith", ann.displayName());
        assertEquals("Ann L.", ann.greeting());
        assertEquals(PatronStatus.SUSPENDED, patrons.find("b2").orElseThrow().status());
        assertTrue(ledger.version() > version, "the changes reached the allow-list");
    }

    @Test
    void import_patronMissingFromFile_isRemoved() throws Exception {
        run(HEADER + "a1,Ann Lee,undergraduate,active,04A1B2C3\nb2,Bo Chen,faculty,active,04000001\n", false, true);

        // One of two is beyond the unconfirmed share (10%): confirmed with the count a dry run reports.
        ImportJob.Report report =
                run(HEADER + "a1,Ann Lee,undergraduate,active,04A1B2C3\n", false, true, OptionalInt.of(1));

        assertEquals(List.of(0, 0, 1, 1, 0), counts(report), "added, changed, unchanged, removed, failed");
        assertEquals(Set.of("a1"), patrons.store().ids());
        assertTrue(patrons.byCredential(card("04000001")).isEmpty());
    }

    @Test
    void import_patronMissingFromFile_isKeptWhenRemoveMissingIsFalse() throws Exception {
        run(HEADER + "a1,Ann Lee,undergraduate,active,04A1B2C3\nb2,Bo Chen,faculty,active,04000001\n", false, true);

        ImportJob.Report report = run(HEADER + "a1,Ann Lee,undergraduate,active,04A1B2C3\n", false, false);

        assertEquals(List.of(0, 0, 1, 0, 0), counts(report), "added, changed, unchanged, removed, failed");
        assertEquals(Set.of("a1", "b2"), patrons.store().ids());
        assertEquals("b2", patrons.byCredential(card("04000001")).orElseThrow().id());
    }

    @Test
    void import_cardMovesToAnEarlierRow_isAppliedAfterItsOldHolderGivesItUp() throws Exception {
        run(HEADER + "a1,Ann Lee,undergraduate,active,04A1B2C3\nb2,Bo Chen,faculty,active,04000001\n", false, true);

        // b2's row comes first and takes a1's card while a1 still holds it; a1's later row gives it up.
        String csv = HEADER + "b2,Bo Chen,faculty,active,04A1B2C3\n" + "a1,Ann Lee,undergraduate,active,04FFFFFF\n";
        ImportJob.Report dry = run(csv, true, true);
        assertEquals(List.of(0, 2, 0, 0, 0), counts(dry), "dry run: added, changed, unchanged, removed, failed");

        ImportJob.Report report = run(csv, false, true);

        assertEquals(List.of(0, 2, 0, 0, 0), counts(report), "added, changed, unchanged, removed, failed");
        assertEquals(List.of(), report.errors());
        assertEquals("b2", patrons.byCredential(card("04A1B2C3")).orElseThrow().id());
        assertEquals("a1", patrons.byCredential(card("04FFFFFF")).orElseThrow().id());
        assertTrue(patrons.byCredential(card("04000001")).isEmpty(), "b2's old card is gone");
    }

    @Test
    void import_cardOfAPatronMissingFromFile_movesToTheNewHolder() throws Exception {
        run(HEADER + "a1,Ann Lee,undergraduate,active,04A1B2C3\n", false, true);

        ImportJob.Report report = run(HEADER + "b2,Bo Chen,faculty,active,04A1B2C3\n", false, true, OptionalInt.of(1));

        assertEquals(List.of(1, 0, 0, 1, 0), counts(report), "added, changed, unchanged, removed, failed");
        assertEquals("b2", patrons.byCredential(card("04A1B2C3")).orElseThrow().id());
    }

    @Test
    void import_twoPatronsSwapCards_bothRowsApply() throws Exception {
        run(HEADER + "a1,Ann Lee,undergraduate,active,04A1B2C3\nb2,Bo Chen,faculty,active,04000001\n", false, true);

        ImportJob.Report report = run(
                HEADER + "a1,Ann Lee,undergraduate,active,04000001\nb2,Bo Chen,faculty,active,04A1B2C3\n", false, true);

        assertEquals(List.of(), report.errors());
        assertEquals(List.of(0, 2, 0, 0, 0), counts(report), "added, changed, unchanged, removed, failed");
        assertEquals("a1", patrons.byCredential(card("04000001")).orElseThrow().id());
        assertEquals("b2", patrons.byCredential(card("04A1B2C3")).orElseThrow().id());
        // The gates' rows end as the file says: each card allowed for its new holder.
        assertEquals(patrons.key().pseudonym("a1") + " allowed", gateRow(card("04000001")));
        assertEquals(patrons.key().pseudonym("b2") + " allowed", gateRow(card("04A1B2C3")));
    }

    @Test
    void import_removingMoreThanTheLimitUnconfirmed_isRefusedClearly_andChangesNothing() throws Exception {
        run(twenty(0, "Ann Lee"), false, true);
        long version = ledger.version();
        Optional<Patron> first = patrons.find("z00");

        // A truncated export: the last three are missing (15% of 20), and the first row has a change.
        ImportJob.Report report = run(twenty(3, "Ann Leigh"), false, true);

        assertEquals(ImportJob.State.FAILED, report.state());
        assertTrue(report.removalsNeedConfirmation());
        assertEquals(
                List.of("0:confirmRemovals"),
                report.errors().stream().map(e -> e.row() + ":" + e.field()).toList());
        String message = report.errors().getFirst().message();
        assertTrue(message.contains("would remove 3 of the 20 registered patrons"), message);
        assertTrue(message.contains("more than the 10%"), message);
        assertTrue(message.contains("confirmRemovals=3"), message);
        assertEquals(List.of(0, 0, 0, 0, 0), counts(report), "added, changed, unchanged, removed, failed");
        assertEquals(20, patrons.store().ids().size(), "nobody removed");
        assertEquals(first, patrons.find("z00"), "the changed row not applied either");
        assertEquals(version, ledger.version(), "no allow-list row written");
    }

    @Test
    void dryRun_reportsTheRemovalsAndThatTheyNeedConfirming_theConfirmedCount_thenApplies() throws Exception {
        run(twenty(0, "Ann Lee"), false, true);
        String truncated = twenty(3, "Ann Leigh");

        ImportJob.Report dry = run(truncated, true, true);
        assertEquals(ImportJob.State.DONE, dry.state());
        assertEquals(3, dry.removed());
        assertTrue(dry.removalsNeedConfirmation());
        assertEquals(20, patrons.store().ids().size(), "a dry run removes nobody");

        ImportJob.Report report = run(truncated, false, true, OptionalInt.of(dry.removed()));

        assertEquals(ImportJob.State.DONE, report.state());
        assertEquals(List.of(0, 1, 16, 3, 0), counts(report), "added, changed, unchanged, removed, failed");
        assertEquals(17, patrons.store().ids().size());
        assertEquals("Ann Leigh", patrons.find("z00").orElseThrow().displayName());
        assertTrue(patrons.byCredential(card("04000053")).isEmpty(), "z19's card is no longer anyone's");
    }

    @Test
    void import_confirmedCountNotTheRealOne_isRefused_evenWithinTheLimit() throws Exception {
        run(twenty(0, "Ann Lee"), false, true);

        ImportJob.Report wrong = run(twenty(3, "Ann Lee"), false, true, OptionalInt.of(2));
        ImportJob.Report within = run(twenty(1, "Ann Lee"), false, true, OptionalInt.of(3));

        assertEquals(ImportJob.State.FAILED, wrong.state());
        assertTrue(
                wrong.errors().getFirst().message().contains("would remove 3 patrons, not the 2 confirmed"),
                wrong.errors().getFirst().message());
        assertEquals(ImportJob.State.FAILED, within.state());
        assertEquals(20, patrons.store().ids().size());
    }

    @Test
    void import_removingWithinTheLimit_needsNoConfirmation() throws Exception {
        run(twenty(0, "Ann Lee"), false, true);

        ImportJob.Report report = run(twenty(2, "Ann Lee"), false, true); // 2 of 20: exactly 10%

        assertEquals(ImportJob.State.DONE, report.state());
        assertFalse(report.removalsNeedConfirmation());
        assertEquals(List.of(0, 0, 18, 2, 0), counts(report), "added, changed, unchanged, removed, failed");
        assertEquals(18, patrons.store().ids().size());
    }

    private String gateRow(dev.carrel.protocol.CredentialHash credential) throws Exception {
        return database.read(c -> {
            try (var s = c.prepareStatement("SELECT pseudonym, allowed FROM allowlist_entries WHERE credential = ?")) {
                s.setString(1, credential.hex());
                try (var r = s.executeQuery()) {
                    return r.next() ? r.getString(1) + (r.getInt(2) == 1 ? " allowed" : " refused") : "none";
                }
            }
        });
    }

    @Test
    void import_faceTerminalIdAsOnlyCredential_isARowErrorNamingFace_unlessThePatronHasAPassPin() throws Exception {
        String header = "id,name,group,face,card_uid,pin\n";

        ImportJob.Report report = run(
                header + "f1,Fay Wu,staff,2023004217,,\n"
                        + "f2,Gil Ma,staff,2023004218,04000009,\n"
                        + "f3,Hu Yi,staff,2023004219,,8642\n",
                false,
                false);

        assertEquals(
                List.of("2:face"),
                report.errors().stream().map(e -> e.row() + ":" + e.field()).toList());
        assertEquals(Set.of("f2", "f3"), patrons.store().ids(), "card beside the face, or a PIN for the pass");

        patrons.setPin("f2", "1357");
        ImportJob.Report again = run(header + "f2,Gil Ma,staff,2023004218,,\n", false, false);
        assertEquals(List.of(), again.errors(), "the PIN set before opens the mobile pass");
        assertEquals(
                List.of(CredentialKind.FACE),
                patrons.find("f2").orElseThrow().credentials().stream()
                        .map(PatronCredential::kind)
                        .toList());
    }

    @Test
    void import_faceImageColumns_areIgnoredAndNeverStored() throws Exception {
        ImportJob.Report report = run(
                "id,name,group,card_uid,photo,face_template\nk1,Kim Ho,visitor,04000010,/9j/4AAQSkZJRg,AAECAwQF\n",
                false,
                false);

        assertEquals(List.of("photo", "face_template"), report.ignoredColumns());
        String stored = database.read(c -> {
            StringBuilder all = new StringBuilder();
            for (String table : List.of("patrons", "patron_credentials", "allowlist_entries")) {
                try (var s = c.prepareStatement("SELECT * FROM " + table);
                        var r = s.executeQuery()) {
                    while (r.next()) {
                        for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                            all.append(r.getString(i)).append('|');
                        }
                    }
                }
            }
            return all.toString();
        });
        assertTrue(stored.contains("Kim Ho"), "the rows were read");
        assertFalse(stored.contains("/9j/4AAQ") || stored.contains("AAECAwQF"), stored);
    }

    private ImportJob.Report run(String csv, boolean dryRun, boolean removeMissing) throws Exception {
        return run(csv, dryRun, removeMissing, OptionalInt.empty());
    }

    private ImportJob.Report run(String csv, boolean dryRun, boolean removeMissing, OptionalInt confirmRemovals)
            throws Exception {
        ImportJob job = new ImportJob("job", dryRun, removeMissing, clock.instant(), confirmRemovals);
        importer.run(job, csv);
        return job.report();
    }

    /** Twenty patrons, z00 to z19, each with a card; {@code leaveOut} of them (the last) missing. */
    private static String twenty(int leaveOut, String firstName) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 20 - leaveOut; i++) {
            csv.append(String.format(
                    "z%02d,%s,undergraduate,active,040000%02X%n", i, i == 0 ? firstName : "Pat Ron" + i, 0x40 + i));
        }
        return csv.toString();
    }

    private static List<Integer> counts(ImportJob.Report r) {
        return List.of(r.added(), r.changed(), r.unchanged(), r.removed(), r.failed());
    }

    private dev.carrel.protocol.CredentialHash card(String uid) throws Exception {
        return patrons.key().hash(CredentialKind.CARD_UID, uid);
    }

    /** A clock the test moves by hand. */
    private static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now;

        MovableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advanceSeconds(long seconds) {
            now.updateAndGet(t -> t.plusSeconds(seconds));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
