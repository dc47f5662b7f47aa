package dev.carrel.agent.gate;

import dev.carrel.drivers.Scheduler;
import dev.carrel.protocol.AuthorisationRequest;
import dev.carrel.protocol.AuthorisationResponse;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.CredentialKind;
import dev.carrel.protocol.EventBody.GateDecision.Decision;
import dev.carrel.protocol.EventBody.GateDecision.Reason;
import dev.carrel.protocol.EventBody.GateDecision.Source;
import dev.carrel.protocol.MobilePass;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who may enter: the local allow-list, mobile passes, and the hub for what neither knows.
 *
 * <p>In order: a pass is decided by its own check; a credential on the list is allowed (or refused as
 * expired), a revoked one refused as suspended, all from memory; an answer the hub gave lately (within its
 * {@code cacheSeconds}) is reused; otherwise the hub is asked, for at most {@link GateConfig#hubTimeout()},
 * and the configured fallback applies when it is offline (at once), silent, or answers out of contract.
 */
public final class Authority {
    private static final Logger LOG = Logger.getLogger(Authority.class.getName());

    /** Enough for a day's visitors admitted online; least recently used answers go first. */
    static final int MAX_CACHED = 4_096;

    private static final Set<Reason> ALLOW_REASONS =
            EnumSet.of(Reason.ALLOW_LISTED, Reason.PASS_VALID, Reason.HUB_ALLOWED, Reason.FALLBACK_ALLOWED);
    private static final Set<Reason> HUB_DENY_REASONS =
            EnumSet.of(Reason.SUSPENDED, Reason.EXPIRED, Reason.UNKNOWN_CREDENTIAL, Reason.HUB_DENIED);

    /** A credential as the gate saw it: hashed, and for a QR code, its pass check. */
    record Presented(CredentialKind kind, CredentialHash credential, Optional<PassVerifier.PassCheck> pass) {}

    /** How the hub path ended, for counters. */
    public record HubCounts(long asked, long answered, long timedOut, long failed, long offline, long cached) {}

    private record Cached(Verdict verdict, Instant until) {}

    private final GateConfig config;
    private final Allowlist allowlist;
    private final PassVerifier passes;
    private final HubAuthoriser hub;
    private final Scheduler time;
    private final Map<CredentialHash, Cached> cache = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<CredentialHash, Cached> eldest) {
            return size() > MAX_CACHED;
        }
    };
    private final AtomicLong asked = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong offline = new AtomicLong();
    private final AtomicLong cacheHits = new AtomicLong();

    /** @param time the clock and the timer for the hub's deadline */
    public Authority(GateConfig config, Allowlist allowlist, PassVerifier passes, HubAuthoriser hub, Scheduler time) {
        this.config = config;
        this.allowlist = allowlist;
        this.passes = passes;
        this.hub = hub;
        this.time = time;
    }

    PassVerifier.PassCheck checkPass(String text) {
        return passes.check(text);
    }

    /** Completes at once unless the hub is asked; then within the hub timeout, whatever the hub does. */
    CompletableFuture<Verdict> decide(Presented presented) {
        if (presented.pass().isPresent()) {
            PassVerifier.PassCheck check = presented.pass().get();
            Decision d = check.reason() == Reason.PASS_VALID ? Decision.ALLOW : Decision.DENY;
            return CompletableFuture.completedFuture(Verdict.local(d, check.reason())
                    .withHolder(Optional.empty(), check.pass().map(p -> p.patron())));
        }
        Instant now = time.now();
        return switch (allowlist.standing(presented.credential(), now)) {
            case ALLOWED -> CompletableFuture.completedFuture(Verdict.local(Decision.ALLOW, Reason.ALLOW_LISTED));
            case EXPIRED -> CompletableFuture.completedFuture(Verdict.local(Decision.DENY, Reason.EXPIRED));
            case REVOKED -> CompletableFuture.completedFuture(Verdict.local(Decision.DENY, Reason.SUSPENDED));
            case UNKNOWN ->
                cached(presented.credential(), now)
                        .map(CompletableFuture::completedFuture)
                        .orElseGet(() -> ask(presented, now));
        };
    }

    /** Fills in greeting and patron from the allow-list's SQLite file; called after the relay has pulsed. */
    Verdict withHolder(Presented presented, Verdict verdict) {
        try {
            if (verdict.reason() == Reason.ALLOW_LISTED) {
                return allowlist
                        .holder(presented.credential())
                        .map(h -> verdict.withHolder(Optional.of(h.greeting()), Optional.of(h.patron())))
                        .orElse(verdict);
            }
            if (verdict.reason() == Reason.PASS_VALID && verdict.patron().isPresent()) {
                return verdict.withHolder(allowlist.greetingOf(verdict.patron().get()), Optional.empty());
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "gate " + config.gateId() + " cannot read a greeting; greeting without name", e);
        }
        return verdict;
    }

    /**
     * Who is leaving, for the farewell: the allow-list's row for a card, the pass's patron (and the list's
     * greeting for them) for a mobile pass; nothing for a credential the list does not hold. Never the hub: an
     * exit waits on nothing.
     */
    Optional<Allowlist.Holder> leaving(Presented presented) {
        try {
            Optional<String> passPatron =
                    presented.pass().flatMap(PassVerifier.PassCheck::pass).map(MobilePass::patron);
            if (passPatron.isPresent()) {
                String patron = passPatron.get();
                return Optional.of(new Allowlist.Holder(
                        patron, allowlist.greetingOf(patron).orElse("")));
            }
            return allowlist.holder(presented.credential());
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "gate " + config.gateId() + " cannot read who is leaving; goodbye without name", e);
            return Optional.empty();
        }
    }

    public HubCounts hubCounts() {
        return new HubCounts(asked.get(), answered.get(), timedOut.get(), failed.get(), offline.get(), cacheHits.get());
    }

    private CompletableFuture<Verdict> ask(Presented presented, Instant now) {
        if (!hub.online()) {
            offline.incrementAndGet();
            return CompletableFuture.completedFuture(fallback());
        }
        asked.incrementAndGet();
        CompletableFuture<AuthorisationResponse> answer;
        try {
            answer = hub.authorise(
                    new AuthorisationRequest(config.gateId(), presented.kind(), presented.credential(), now));
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            LOG.log(Level.WARNING, "gate " + config.gateId() + " cannot ask the hub", e);
            return CompletableFuture.completedFuture(fallback());
        }
        CompletableFuture<Verdict> verdict = new CompletableFuture<>();
        Scheduler.Cancellable deadline = time.schedule(config.hubTimeout(), () -> {
            if (verdict.complete(fallback())) {
                timedOut.incrementAndGet();
                answer.cancel(false);
            }
        });
        answer.whenComplete((response, error) -> {
            deadline.cancel();
            if (verdict.isDone()) {
                return;
            }
            Verdict v = error == null ? fromHub(presented.credential(), response) : null;
            if (v == null) {
                failed.incrementAndGet();
            } else {
                answered.incrementAndGet();
            }
            verdict.complete(v == null ? fallback() : v);
        });
        return verdict;
    }

    /** The hub's answer as a verdict, or null when its reason contradicts its decision (out of contract). */
    private Verdict fromHub(CredentialHash credential, AuthorisationResponse r) {
        Verdict v;
        if (r.decision() == Decision.ALLOW && ALLOW_REASONS.contains(r.reason())) {
            v = Verdict.allow(Reason.HUB_ALLOWED, Source.HUB);
        } else if (r.decision() == Decision.DENY && HUB_DENY_REASONS.contains(r.reason())) {
            v = Verdict.deny(r.reason(), Source.HUB);
        } else {
            LOG.warning(() -> "gate " + config.gateId() + ": hub answered " + r.decision() + " with reason "
                    + r.reason() + "; applying the fallback");
            return null;
        }
        v = v.withHolder(r.greeting(), Optional.empty());
        if (r.cacheSeconds() > 0) {
            synchronized (cache) {
                cache.put(credential, new Cached(v, time.now().plusSeconds(r.cacheSeconds())));
            }
        }
        return v;
    }

    private Optional<Verdict> cached(CredentialHash credential, Instant now) {
        synchronized (cache) {
            Cached c = cache.get(credential);
            if (c == null) {
                return Optional.empty();
            }
            if (!now.isBefore(c.until())) {
                cache.remove(credential);
                return Optional.empty();
            }
            cacheHits.incrementAndGet();
            return Optional.of(c.verdict());
        }
    }

    private Verdict fallback() {
        return config.fallback() == GateConfig.Fallback.ALLOW
                ? Verdict.allow(Reason.FALLBACK_ALLOWED, Source.FALLBACK)
                : Verdict.deny(Reason.FALLBACK_DENIED, Source.FALLBACK);
    }
}
