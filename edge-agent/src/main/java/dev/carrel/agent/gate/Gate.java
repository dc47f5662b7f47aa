package dev.carrel.agent.gate;

import dev.carrel.agent.gate.Authority.Presented;
import dev.carrel.agent.gate.CredentialHasher.MalformedCredentialException;
import dev.carrel.drivers.Credential;
import dev.carrel.drivers.CredentialReader;
import dev.carrel.drivers.GateActuator;
import dev.carrel.drivers.Signal;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.CredentialKind;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.EventBody.GateDecision.Decision;
import dev.carrel.protocol.EventBody.GateDecision.Reason;
import dev.carrel.protocol.EventBody.GatePassage.Direction;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A library gate (DESIGN §5, "Gate entry"): a presented credential is hashed, decided by the {@link
 * Authority}, and acted on — relay pulse and green light on allow, red light on deny, the kiosk told, and
 * the events {@code credential_presented}, {@code gate_decision} and, on allow, {@code gate_passage} IN.
 * An exit reader ({@link #attachExit}) is never refused: it opens, records {@code gate_passage} OUT and says
 * goodbye.
 *
 * <p>The relay pulses first, before any event is written or greeting read, so a known credential's latency
 * is the hash and a memory lookup. A failing effect (a faulty indicator, a full outbox) is logged and does
 * not stop the others. Readers call {@link #present} on their own threads; the class is thread-safe.
 */
public final class Gate {
    private static final Logger LOG = Logger.getLogger(Gate.class.getName());

    private final GateConfig config;
    private final CredentialHasher hasher;
    private final Authority authority;
    private final GateEffects effects;
    private volatile boolean admitting = true;
    private final AtomicLong malformed = new AtomicLong();

    public Gate(GateConfig config, CredentialHasher hasher, Authority authority, GateEffects effects) {
        this.config = config;
        this.hasher = hasher;
        this.authority = authority;
        this.effects = effects;
    }

    /** Decides every credential this reader yields. */
    public void attach(CredentialReader reader) {
        reader.onCredential(this::present);
    }

    /**
     * Lets out whoever presents a credential at this exit reader, through that relay (the entry relay when one
     * door serves both ways).
     */
    public void attachExit(CredentialReader reader, GateActuator relay) {
        reader.onCredential(c -> leave(c, relay));
    }

    /**
     * One exit (docs/gate.md, "Exit"). The relay pulses first, whatever was read and whether or not the library
     * is admitting: nobody is ever kept in. Then the passage OUT is recorded, naming the credential when the read
     * was one (the hub pairs it with the entry and releases the patron's seat), and the kiosk says goodbye with
     * the patron's reminders. The allow-list's file names the patron; the hub is never asked.
     */
    public void leave(Credential credential, GateActuator relay) {
        safely("exit relay", relay::pulse);
        safely("indicator", () -> effects.indicator().show(Signal.ACCEPT));
        Optional<Presented> presented;
        try {
            presented = Optional.of(identify(credential));
        } catch (MalformedCredentialException e) {
            malformed.incrementAndGet();
            LOG.warning(() -> "gate " + config.gateId() + " let out a read from " + credential.readerId()
                    + " that is no credential: " + e.getMessage());
            presented = Optional.empty();
        }
        Optional<CredentialHash> who = presented.map(Presented::credential);
        record(new EventBody.GatePassage(config.gateId(), Direction.OUT, who));
        Optional<Allowlist.Holder> holder = presented.flatMap(authority::leaving);
        List<String> reminders =
                holder.map(h -> effects.reminders().forPatron(h.patron())).orElse(List.of());
        Optional<String> name = holder.map(Allowlist.Holder::greeting).filter(g -> !g.isBlank());
        safely("kiosk", () -> effects.kiosk().farewell(who, name, reminders));
    }

    /**
     * Closing time and opening: while not admitting, every credential is refused with {@code CLOSED} (and still
     * recorded).
     */
    public void admitting(boolean admitting) {
        this.admitting = admitting;
    }

    public boolean admitting() {
        return admitting;
    }

    /** Presentations refused because the reader's value could not be a credential of its kind. */
    public long malformed() {
        return malformed.get();
    }

    public Authority authority() {
        return authority;
    }

    /**
     * Decides one presentation and acts on it. The future is complete on return for everything but a
     * credential the hub is asked about; then within the hub timeout.
     */
    public CompletableFuture<Verdict> present(Credential credential) {
        Presented presented;
        try {
            presented = identify(credential);
        } catch (MalformedCredentialException e) {
            malformed.incrementAndGet();
            LOG.warning(() -> "gate " + config.gateId() + " refused a read from " + credential.readerId() + ": "
                    + e.getMessage());
            Verdict v = Verdict.local(Decision.DENY, Reason.UNKNOWN_CREDENTIAL);
            safely("indicator", () -> effects.indicator().show(Signal.DENY));
            safely("kiosk", () -> effects.kiosk().refuse(v.reason()));
            return CompletableFuture.completedFuture(v);
        }
        record(new EventBody.CredentialPresented(credential.readerId(), presented.kind(), presented.credential()));
        CompletableFuture<Verdict> verdict = admitting
                ? authority.decide(presented)
                : CompletableFuture.completedFuture(Verdict.local(Decision.DENY, Reason.CLOSED));
        return verdict.thenApply(v -> act(presented, v));
    }

    /**
     * Hashes the value. A QR code is checked as a pass first: a pass whose signature holds is hashed by its
     * patron pseudonym, so one patron's passes are one credential to the hub; any other text by itself.
     */
    private Presented identify(Credential credential) throws MalformedCredentialException {
        CredentialKind kind = CredentialHasher.kindOf(credential.kind());
        if (kind != CredentialKind.QR_PASS) {
            return new Presented(kind, hasher.hash(kind, credential.value()), Optional.empty());
        }
        PassVerifier.PassCheck check = authority.checkPass(credential.value());
        String subject = check.pass().map(p -> p.patron()).orElse(credential.value());
        return new Presented(kind, hasher.hash(kind, subject), Optional.of(check));
    }

    private Verdict act(Presented presented, Verdict verdict) {
        CredentialHash c = presented.credential();
        if (verdict.allowed()) {
            safely("relay", () -> effects.relay().pulse());
            safely("indicator", () -> effects.indicator().show(Signal.ACCEPT));
        } else {
            safely("indicator", () -> effects.indicator().show(Signal.DENY));
        }
        record(new EventBody.GateDecision(config.gateId(), c, verdict.decision(), verdict.reason(), verdict.source()));
        if (!verdict.allowed()) {
            safely("kiosk", () -> effects.kiosk().refuse(verdict.reason()));
            return verdict;
        }
        record(new EventBody.GatePassage(config.gateId(), Direction.IN, Optional.of(c)));
        Verdict full = authority.withHolder(presented, verdict);
        safely("kiosk", () -> effects.kiosk().greet(full.greeting(), reminders(full)));
        return full;
    }

    private List<String> reminders(Verdict verdict) {
        return verdict.patron().map(effects.reminders()::forPatron).orElse(List.of());
    }

    private void record(EventBody body) {
        safely("events", () -> effects.events().publish(body));
    }

    private void safely(String effect, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "gate " + config.gateId() + ": " + effect + " failed", e);
        }
    }
}
