package dev.carrel.agent.gate;

import dev.carrel.drivers.Scheduler;
import dev.carrel.protocol.EventBody.GateDecision.Reason;
import dev.carrel.protocol.MobilePass;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Checks mobile passes offline: the hub's Ed25519 signature, the site, the validity with a clock-skew
 * allowance ({@link MobilePass#verify}), and that no pass is used twice. A pass's id is remembered until
 * its expiry (plus skew) has passed, after which the expiry check refuses it anyway; {@link
 * MobilePass#MAX_VALIDITY} bounds how many a gate remembers.
 *
 * <p>The memory of used passes is not persisted: an agent restarted within a pass's validity (seconds to
 * minutes) would accept that pass once more. Thread-safe.
 */
public final class PassVerifier {
    private static final Logger LOG = Logger.getLogger(PassVerifier.class.getName());

    /** Far beyond a gate's throughput over MAX_VALIDITY; past it the gate refuses rather than forgets. */
    static final int MAX_REMEMBERED = 100_000;

    private static final Duration PURGE_EVERY = Duration.ofSeconds(30);

    /**
     * What a pass text amounted to: {@code PASS_VALID}, {@code PASS_INVALID}, {@code PASS_EXPIRED} or {@code
     * PASS_REPLAYED}; the pass itself when its signature held.
     */
    public record PassCheck(Reason reason, Optional<MobilePass> pass) {}

    private final String site;
    private final List<PublicKey> configured;
    private volatile List<PublicKey> keys;
    private volatile List<PublicKey> fromTwin = List.of();
    private final Duration skew;
    private final Scheduler time;
    private final Map<String, Instant> used = new HashMap<>();
    private Instant nextPurge = Instant.MIN;

    public PassVerifier(GateConfig config, Scheduler time) {
        this.site = config.site();
        this.configured = config.passKeys();
        this.keys = configured;
        this.skew = config.passSkew();
        this.time = time;
    }

    public PassCheck check(String text) {
        Instant now = time.now();
        MobilePass pass;
        try {
            pass = MobilePass.verify(text, keys, site, now, skew);
        } catch (MobilePass.Refused e) {
            LOG.fine(() -> "pass refused: " + e.problem());
            Optional<MobilePass> signed = signed(e.problem(), text);
            return new PassCheck(
                    e.problem() == MobilePass.Problem.EXPIRED ? Reason.PASS_EXPIRED : Reason.PASS_INVALID, signed);
        }
        return new PassCheck(remember(pass, now), Optional.of(pass));
    }

    /**
     * The hub's pass keys as its desired twin lists them ({@code access.passKeys}): accepted beside the
     * configured ones until the next twin, which replaces them. A key rotation lists old and new; a key the
     * twin no longer lists (and the configuration does not) is refused from then on.
     */
    public synchronized void twinKeys(List<PublicKey> listed) {
        fromTwin = List.copyOf(listed);
        List<PublicKey> all = new java.util.ArrayList<>(configured);
        fromTwin.stream().filter(k -> !all.contains(k)).forEach(all::add);
        keys = List.copyOf(all);
    }

    /** The keys learnt from the twin, for tests and the wiring. */
    public List<PublicKey> twinKeys() {
        return fromTwin;
    }

    /** Passes remembered as used, for tests and telemetry. */
    public synchronized int remembered() {
        return used.size();
    }

    private synchronized Reason remember(MobilePass pass, Instant now) {
        if (!now.isBefore(nextPurge) || used.size() >= MAX_REMEMBERED) {
            used.values().removeIf(expiry -> !now.isBefore(expiry.plus(skew)));
            nextPurge = now.plus(PURGE_EVERY);
        }
        if (used.containsKey(pass.id())) {
            return Reason.PASS_REPLAYED;
        }
        if (used.size() >= MAX_REMEMBERED) {
            LOG.warning("too many live mobile passes to remember; refusing passes until some expire");
            return Reason.PASS_INVALID;
        }
        used.put(pass.id(), pass.expiresAt());
        return Reason.PASS_VALID;
    }

    /** A pass refused only for its time or site still names its patron; a forged one names nobody. */
    private Optional<MobilePass> signed(MobilePass.Problem problem, String text) {
        if (problem == MobilePass.Problem.MALFORMED || problem == MobilePass.Problem.BAD_SIGNATURE) {
            return Optional.empty();
        }
        try {
            return Optional.of(MobilePass.parse(text));
        } catch (MobilePass.Refused e) {
            return Optional.empty();
        }
    }
}
