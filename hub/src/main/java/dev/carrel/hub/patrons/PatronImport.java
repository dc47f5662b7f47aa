package dev.carrel.hub.patrons;

import dev.carrel.hub.store.StoreWriter;
import dev.carrel.protocol.CredentialHash;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one CSV import of a campus-card export (docs/patrons.md, "CSV import").
 *
 * <p>Every row is checked first; a row with any bad field is reported (row and field) and changes nothing.
 * A real import writes each good row in its own savepoint through the store writer, so a row is applied
 * whole or not at all, and the rows of a batch share one commit. Patrons missing from the file are removed
 * first when {@code removeMissing} (the export is the whole population), so a card that moved between
 * patrons is free when the new holder's row comes; a row refused only because another row of the file still
 * holds its card is tried again at the end. A dry run checks the whole file and counts what would happen,
 * writing nothing.
 *
 * <p>A truncated export would otherwise remove everyone it leaves out: a real import that would remove more
 * than {@code removalLimitPercent} of the registered patrons is refused before any write unless the request
 * confirms exactly how many it removes (the dry run's {@code removed}); a confirmed count that is not the
 * real one is refused too, since the file or the registry changed since the dry run.
 */
final class PatronImport {
    static final int DEFAULT_REMOVAL_LIMIT_PERCENT = 10;
    private static final int BATCH = 256;

    private final Patrons patrons;
    private final StoreWriter writer;
    private final Clock clock;
    private final int removalLimitPercent;

    PatronImport(Patrons patrons, StoreWriter writer, Clock clock) {
        this(patrons, writer, clock, DEFAULT_REMOVAL_LIMIT_PERCENT);
    }

    PatronImport(Patrons patrons, StoreWriter writer, Clock clock, int removalLimitPercent) {
        this.patrons = patrons;
        this.writer = writer;
        this.clock = clock;
        this.removalLimitPercent = removalLimitPercent;
    }

    void run(ImportJob job, String csv) throws SQLException {
        List<CsvReader.Record> records;
        PatronRows rows;
        try {
            records = CsvReader.read(csv);
            if (records.isEmpty()) {
                throw new CsvReader.Malformed(1, "the file is empty: a header row is required");
            }
            rows = PatronRows.header(
                    records.getFirst().fields(), patrons.key(), patrons.store().pinHolders());
        } catch (CsvReader.Malformed e) {
            job.fileError(new PatronRows.RowError(e.line(), "$", e.getMessage()), clock.instant());
            return;
        }
        List<CsvReader.Record> body = records.subList(1, records.size());
        job.start(body.size(), rows.ignored());
        List<PatronRows.Checked> checked = checkAll(rows, body);
        Set<String> inFile = new HashSet<>();
        checked.forEach(c -> inFile.add(c.id()));
        if (job.removeMissing() && !removalsAllowed(job, inFile)) {
            return; // refused before any write
        }
        if (job.dryRun()) {
            dryRun(job, checked, inFile);
        } else {
            apply(job, checked, inFile);
        }
        job.finish(ImportJob.State.DONE, clock.instant());
    }

    /**
     * Whether the import may remove the registered patrons the file leaves out (see the class comment). A
     * refusal fails the job with an error on {@code confirmRemovals}; a dry run is never refused, and says
     * whether a real import would need the confirmation.
     */
    private boolean removalsAllowed(ImportJob job, Set<String> inFile) throws SQLException {
        Set<String> registered = patrons.store().ids();
        long gone = registered.stream().filter(id -> !inFile.contains(id)).count();
        boolean beyondLimit = gone * 100 > (long) removalLimitPercent * registered.size();
        if (beyondLimit) {
            job.removalsNeedConfirmation();
        }
        if (job.dryRun()) {
            return true;
        }
        OptionalInt confirmed = job.confirmRemovals();
        String refusal = null;
        if (confirmed.isPresent() && confirmed.getAsInt() != gone) {
            refusal = "the file would remove " + gone + " patrons, not the " + confirmed.getAsInt()
                    + " confirmed: the file or the registry changed since the dry run; run it again";
        } else if (beyondLimit && confirmed.isEmpty()) {
            refusal = "the file would remove " + gone + " of the " + registered.size() + " registered patrons,"
                    + " more than the " + removalLimitPercent + "% an import may remove unconfirmed: check that it"
                    + " is the whole export, then confirm with confirmRemovals=" + gone
                    + " (the dry run's count), or import with removeMissing=false";
        }
        if (refusal == null) {
            return true;
        }
        job.fileError(new PatronRows.RowError(0, "confirmRemovals", refusal), clock.instant());
        return false;
    }

    /** Checks each row, and that no id or credential appears twice in the file (the later row is refused). */
    private static List<PatronRows.Checked> checkAll(PatronRows rows, List<CsvReader.Record> body) {
        List<PatronRows.Checked> out = new ArrayList<>(body.size());
        Set<String> ids = new HashSet<>();
        Map<CredentialHash, Integer> creds = new HashMap<>();
        for (CsvReader.Record r : body) {
            PatronRows.Checked c = rows.check(r);
            List<PatronRows.RowError> errors = new ArrayList<>(c.errors());
            if (!c.id().isEmpty() && !ids.add(c.id())) {
                errors.add(new PatronRows.RowError(c.row(), "id", "appears in an earlier row"));
            }
            for (PatronCredential k : c.draft().map(PatronDraft::credentials).orElse(List.of())) {
                Integer first = creds.putIfAbsent(k.hash(), c.row());
                if (first != null) {
                    errors.add(new PatronRows.RowError(
                            c.row(), k.kind().name().toLowerCase(java.util.Locale.ROOT), "also in row " + first));
                }
            }
            out.add(errors.isEmpty() ? c : new PatronRows.Checked(c.row(), c.id(), Optional.empty(), errors));
        }
        return out;
    }

    private void dryRun(ImportJob job, List<PatronRows.Checked> checked, Set<String> inFile) throws SQLException {
        PatronStore store = patrons.store();
        for (PatronRows.Checked c : checked) {
            if (c.draft().isEmpty()) {
                job.failed(c.errors());
                continue;
            }
            PatronDraft d = c.draft().get();
            Optional<PatronRows.RowError> taken = takenElsewhere(store, d, c.row(), inFile, job.removeMissing());
            if (taken.isPresent()) {
                job.failed(List.of(taken.get()));
                continue;
            }
            Optional<String> pin = store.login(d.id()).map(PatronStore.Login::pinHash);
            job.counted(patrons.preview(store.find(d.id()), pin, d));
        }
        if (job.removeMissing()) {
            job.removed((int)
                    store.ids().stream().filter(id -> !inFile.contains(id)).count());
        }
    }

    /** A card held by a patron who stays registered and is not in the file to give it up. */
    private static Optional<PatronRows.RowError> takenElsewhere(
            PatronStore store, PatronDraft d, int row, Set<String> inFile, boolean removeMissing) throws SQLException {
        for (PatronCredential k : d.credentials()) {
            Optional<Patron> owner = store.byCredential(k.hash());
            if (owner.isPresent()
                    && !owner.get().id().equals(d.id())
                    && !inFile.contains(owner.get().id())
                    && !removeMissing) {
                return Optional.of(new PatronRows.RowError(
                        row, k.kind().name().toLowerCase(java.util.Locale.ROOT), "already belongs to another patron"));
            }
        }
        return Optional.empty();
    }

    private void apply(ImportJob job, List<PatronRows.Checked> checked, Set<String> inFile) throws SQLException {
        if (job.removeMissing()) {
            removeMissing(job, inFile);
        }
        List<PatronRows.Checked> retry = new ArrayList<>();
        for (int from = 0; from < checked.size(); from += BATCH) {
            List<PatronRows.Checked> batch = checked.subList(from, Math.min(checked.size(), from + BATCH));
            retry.addAll(applyBatch(job, batch, true));
        }
        if (retry.size() > 1 && applyTogether(job, retry)) {
            return;
        }
        applyBatch(job, retry, false);
    }

    /**
     * Rows still refused for a credential after the first pass may hold each other's cards (a swap): applied
     * together in one savepoint they succeed. If any of them is really refused the whole group rolls back and
     * {@code false} sends them row by row, which names the refused rows.
     */
    private boolean applyTogether(ImportJob job, List<PatronRows.Checked> rows) {
        List<PatronDraft> drafts =
                rows.stream().map(c -> c.draft().orElseThrow()).toList();
        List<Patrons.Outcome> outcomes;
        try {
            outcomes = RowWrite.submit(
                            writer,
                            "import " + job.id() + ": rows trading credentials",
                            conn -> patrons.applyTogether(conn, drafts))
                    .get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        List<Patrons.Change> changes = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            job.counted(outcomes.get(i));
            if (outcomes.get(i) != Patrons.Outcome.UNCHANGED) {
                changes.add(new Patrons.Change(rows.get(i).id(), kind(outcomes.get(i)), "import:" + job.id()));
            }
        }
        patrons.committed(changes);
        return true;
    }

    private void removeMissing(ImportJob job, Set<String> inFile) throws SQLException {
        List<String> gone = patrons.store().ids().stream()
                .filter(id -> !inFile.contains(id))
                .toList();
        List<Patrons.Change> changes = new ArrayList<>();
        for (String id : gone) {
            if (await(RowWrite.submit(writer, "import " + job.id() + ": remove " + id, c -> patrons.remove(c, id)))
                    .orElse(false)) {
                changes.add(new Patrons.Change(id, Patrons.Change.Kind.REMOVED, "import:" + job.id()));
            }
        }
        job.removed(changes.size());
        patrons.committed(changes);
    }

    /** Applies a batch; returns the rows refused only for a credential another row may yet give up. */
    private List<PatronRows.Checked> applyBatch(ImportJob job, List<PatronRows.Checked> batch, boolean mayRetry) {
        List<CompletableFuture<Patrons.Outcome>> results = new ArrayList<>(batch.size());
        for (PatronRows.Checked c : batch) {
            results.add(
                    c.draft().isEmpty()
                            ? CompletableFuture.failedFuture(new IllegalStateException("invalid row"))
                            : RowWrite.submit(
                                    writer,
                                    "import " + job.id() + " row " + c.row(),
                                    conn -> patrons.apply(conn, c.draft().get())));
        }
        List<PatronRows.Checked> retry = new ArrayList<>();
        List<Patrons.Change> changes = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            PatronRows.Checked c = batch.get(i);
            if (c.draft().isEmpty()) {
                job.failed(c.errors());
                continue;
            }
            try {
                Patrons.Outcome outcome = results.get(i).get(60, TimeUnit.SECONDS);
                job.counted(outcome);
                if (outcome != Patrons.Outcome.UNCHANGED) {
                    changes.add(new Patrons.Change(c.id(), kind(outcome), "import:" + job.id()));
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Patrons.CredentialTaken && mayRetry) {
                    retry.add(c);
                } else {
                    job.failed(List.of(error(c.row(), e.getCause())));
                }
            } catch (InterruptedException | TimeoutException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                job.failed(List.of(new PatronRows.RowError(c.row(), "$", "not committed in time")));
            }
        }
        patrons.committed(changes);
        return retry;
    }

    private static PatronRows.RowError error(int row, Throwable cause) {
        if (cause instanceof Patrons.CredentialTaken taken) {
            return new PatronRows.RowError(row, taken.field(), taken.getMessage());
        }
        return new PatronRows.RowError(row, "$", "not stored: " + cause.getMessage());
    }

    private static Patrons.Change.Kind kind(Patrons.Outcome outcome) {
        return outcome == Patrons.Outcome.ADDED ? Patrons.Change.Kind.ADDED : Patrons.Change.Kind.CHANGED;
    }

    private static <T> Optional<T> await(CompletableFuture<T> f) throws SQLException {
        try {
            return Optional.ofNullable(f.get(60, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new SQLException("not committed: " + e.getMessage(), e);
        }
    }
}
