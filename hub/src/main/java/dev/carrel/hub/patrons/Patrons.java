package dev.carrel.hub.patrons;

import dev.carrel.hub.spaces.Committed;
import dev.carrel.hub.store.StoreWriter;
import dev.carrel.protocol.CredentialHash;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The patron registry: every change to a patron goes through this class, in one transaction with its
 * allow-list rows ({@link AllowlistLedger}), and is told to the observers after the commit. That makes it
 * the one place an audit trail wraps (issue 6, "Audit": another session) and the one trigger of allow-list
 * distribution. Reads go straight to the store.
 */
public final class Patrons {
    /** What the registry is built on. */
    public record Base(PatronStore store, AllowlistLedger ledger, StoreWriter writer, Clock clock) {}

    /** What happened to a patron; {@code source} is {@code api} or {@code import:<id>}. */
    public record Change(String patronId, Kind kind, String source) {
        public enum Kind {
            ADDED,
            CHANGED,
            REMOVED,
            SUSPENDED,
            REACTIVATED,
            PIN_SET,
            ERASED
        }
    }

    /** Told of committed changes, on the thread that made them; must not block. */
    public interface Observer {
        void changed(List<Change> changes);
    }

    private final Base base;
    private final SiteKey key;
    private final Pins pins;
    private final List<Observer> observers = new CopyOnWriteArrayList<>();

    public Patrons(Base base, SiteKey key, Pins pins) {
        this.base = base;
        this.key = key;
        this.pins = pins;
    }

    public void observe(Observer observer) {
        observers.add(observer);
    }

    public SiteKey key() {
        return key;
    }

    public Pins pins() {
        return pins;
    }

    public PatronStore store() {
        return base.store();
    }

    public Optional<Patron> find(String id) throws SQLException {
        return base.store().find(id);
    }

    public Optional<Patron> byCredential(CredentialHash hash) throws SQLException {
        return base.store().byCredential(hash);
    }

    /** Suspends an active or expired patron; their credentials leave every gate's allow-list. */
    public Patron suspend(String id) throws SQLException {
        return setStatus(id, PatronStatus.SUSPENDED, Change.Kind.SUSPENDED);
    }

    /** Makes a patron active again. */
    public Patron reactivate(String id) throws SQLException {
        return setStatus(id, PatronStatus.ACTIVE, Change.Kind.REACTIVATED);
    }

    private Patron setStatus(String id, PatronStatus status, Change.Kind kind) throws SQLException {
        Patron[] out = new Patron[1];
        Committed.write(base.writer(), kind + " patron " + id, c -> {
            Patron before =
                    base.store().read(c, id).orElseThrow(() -> new NoSuchElementException("no patron '" + id + "'"));
            Patron after = withStatus(before, status, base.clock().instant());
            write(c, Optional.of(before), after);
            out[0] = after;
        });
        committed(List.of(new Change(id, kind, "api")));
        return out[0];
    }

    /** Sets the patron's mobile-pass PIN (hashed with {@link Pins}); the PIN is never stored or logged. */
    public void setPin(String id, String pin) throws SQLException {
        Pins.check(pin);
        String hash = pins.hash(pin);
        Committed.write(base.writer(), "PIN of patron " + id, c -> {
            base.store().read(c, id).orElseThrow(() -> new NoSuchElementException("no patron '" + id + "'"));
            base.store().writePin(c, id, hash);
        });
        committed(List.of(new Change(id, Change.Kind.PIN_SET, "api")));
    }

    /** What applying a draft amounts to. */
    public enum Outcome {
        ADDED,
        CHANGED,
        UNCHANGED
    }

    /** A credential that belongs to another patron; names the kind only. Rolls back the row alone. */
    public static final class CredentialTaken extends SQLException {
        private static final long serialVersionUID = 1L;

        private final String field;

        CredentialTaken(PatronCredential credential) {
            super("already belongs to another patron");
            this.field = credential.kind().name().toLowerCase(java.util.Locale.ROOT);
        }

        public String field() {
            return field;
        }
    }

    /**
     * Applies a draft inside the caller's transaction (an import row's savepoint): adds or replaces the
     * patron. {@code UNCHANGED} writes nothing.
     *
     * @throws CredentialTaken when a credential already belongs to another patron
     */
    public Outcome apply(Connection c, PatronDraft draft) throws SQLException {
        Optional<Patron> before = base.store().read(c, draft.id());
        Optional<String> storedPin = base.store().login(draft.id()).map(PatronStore.Login::pinHash);
        Outcome outcome = preview(before, storedPin, draft);
        if (outcome == Outcome.UNCHANGED) {
            return outcome;
        }
        for (PatronCredential k : draft.credentials()) {
            Optional<String> owner = base.store().owner(c, k.hash());
            if (owner.isPresent() && !owner.get().equals(draft.id())) {
                throw new CredentialTaken(k);
            }
        }
        write(c, before, toPatron(draft));
        if (draft.pin().isPresent() && !pinMatches(draft.pin().get(), storedPin)) {
            base.store().writePin(c, draft.id(), pins.hash(draft.pin().get()));
        }
        return outcome;
    }

    /**
     * Applies drafts that trade credentials among themselves (two patrons swapping cards in one export) inside
     * the caller's transaction: each patron first gives up the credentials its draft drops, then every draft is
     * applied, so no credential ever has two holders and the allow-list ends as the drafts say.
     *
     * @throws CredentialTaken when a credential belongs to a patron none of the drafts frees it from
     */
    public List<Outcome> applyTogether(Connection c, List<PatronDraft> drafts) throws SQLException {
        for (PatronDraft d : drafts) {
            Optional<Patron> before = base.store().read(c, d.id());
            if (before.isPresent()) {
                List<PatronCredential> kept = before.get().credentials().stream()
                        .filter(d.credentials()::contains)
                        .toList();
                if (kept.size() < before.get().credentials().size()) {
                    write(c, before, withCredentials(before.get(), kept));
                }
            }
        }
        List<Outcome> out = new ArrayList<>(drafts.size());
        for (PatronDraft d : drafts) {
            out.add(apply(c, d));
        }
        return out;
    }

    /** What {@link #apply} would do, without writing: for a dry run. */
    public Outcome preview(Optional<Patron> before, Optional<String> storedPin, PatronDraft draft) {
        if (before.isEmpty()) {
            return Outcome.ADDED;
        }
        Patron p = before.get();
        boolean same = p.displayName().equals(draft.displayName())
                && p.group() == draft.group()
                && p.college().equals(draft.college())
                && p.status() == draft.status()
                && p.validUntil().equals(draft.validUntil())
                && new HashSet<>(p.credentials()).equals(new HashSet<>(draft.credentials()))
                && draft.pin().map(pin -> pinMatches(pin, storedPin)).orElse(true);
        return same ? Outcome.UNCHANGED : Outcome.CHANGED;
    }

    /** Removes a patron inside the caller's transaction; their credentials become revocations. */
    public boolean remove(Connection c, String id) throws SQLException {
        Optional<Patron> before = base.store().read(c, id);
        if (before.isEmpty()) {
            return false;
        }
        base.ledger().patronChanged(c, before, Optional.empty());
        base.store().delete(c, id);
        return true;
    }

    /** Tells the observers of changes the caller has committed (an import, after each batch). */
    public void committed(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        for (Observer o : observers) {
            o.changed(changes);
        }
    }

    private boolean pinMatches(String pin, Optional<String> stored) {
        return stored.isPresent() && pins.verify(pin, stored.get());
    }

    private Patron toPatron(PatronDraft d) {
        return new Patron(
                d.id(),
                key.pseudonym(d.id()),
                d.displayName(),
                Greetings.shortForm(d.displayName()),
                d.group(),
                d.college(),
                d.status(),
                d.validUntil(),
                d.credentials(),
                base.clock().instant());
    }

    private Patron withCredentials(Patron p, List<PatronCredential> credentials) {
        return new Patron(
                p.id(),
                p.pseudonym(),
                p.displayName(),
                p.greeting(),
                p.group(),
                p.college(),
                p.status(),
                p.validUntil(),
                credentials,
                base.clock().instant());
    }

    private static Patron withStatus(Patron p, PatronStatus status, java.time.Instant now) {
        return new Patron(
                p.id(),
                p.pseudonym(),
                p.displayName(),
                p.greeting(),
                p.group(),
                p.college(),
                status,
                p.validUntil(),
                p.credentials(),
                now);
    }

    private void write(Connection c, Optional<Patron> before, Patron after) throws SQLException {
        base.store().write(c, after);
        base.ledger().patronChanged(c, before, Optional.of(after));
    }
}
