package dev.carrel.agent.gate;

import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One gate's settings, validated once. Errors name the YAML key under {@code gate:} (docs/gate.md).
 *
 * @param gateId the gate's id in events and requests ({@code gate.id})
 * @param secret the site's HMAC key ({@code site.secret-file})
 * @param site the site id that mobile passes must name ({@code site.id})
 * @param passKeys the hub's Ed25519 public keys; two during a key rotation, none if the gate has no QR reader
 *     ({@code site.pass-keys})
 * @param passSkew clock skew allowed either side of a pass's validity ({@code gate.pass-skew-seconds})
 * @param hubTimeout how long an unknown credential waits for the hub ({@code gate.hub-timeout-ms})
 * @param fallback what an unknown credential gets when the hub does not answer in time ({@code gate.fallback})
 */
public record GateConfig(
        String gateId,
        SiteSecret secret,
        String site,
        List<PublicKey> passKeys,
        Duration passSkew,
        Duration hubTimeout,
        Fallback fallback) {

    /** Same rule as the protocol's local ids: it travels in events. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    public static final Duration DEFAULT_HUB_TIMEOUT = Duration.ofMillis(800);
    public static final Duration DEFAULT_PASS_SKEW = Duration.ofSeconds(30);

    /** What an unknown credential gets when the hub cannot answer. */
    public enum Fallback {
        ALLOW,
        DENY
    }

    public GateConfig {
        require(gateId != null && ID.matcher(gateId).matches(), "gate.id", "must be 1-64 of A-Z a-z 0-9 . _ : -");
        require(secret != null, "site.secret-file", "is required");
        require(site != null && ID.matcher(site).matches(), "site.id", "must be 1-64 of A-Z a-z 0-9 . _ : -");
        require(passKeys != null, "site.pass-keys", "is required (an empty list if the gate reads no passes)");
        passKeys = List.copyOf(passKeys);
        require(
                passSkew != null && !passSkew.isNegative() && passSkew.compareTo(Duration.ofMinutes(5)) <= 0,
                "gate.pass-skew-seconds",
                "must be 0-300");
        require(
                hubTimeout != null
                        && hubTimeout.compareTo(Duration.ofMillis(50)) >= 0
                        && hubTimeout.compareTo(Duration.ofSeconds(10)) <= 0,
                "gate.hub-timeout-ms",
                "must be 50-10000");
        require(fallback != null, "gate.fallback", "must be allow or deny");
    }

    /** The usual settings: 800 ms for the hub, 30 s of pass clock skew. */
    public static GateConfig of(String gateId, SiteSecret secret, String site, List<PublicKey> passKeys, Fallback f) {
        return new GateConfig(gateId, secret, site, passKeys, DEFAULT_PASS_SKEW, DEFAULT_HUB_TIMEOUT, f);
    }

    private static void require(boolean ok, String key, String reason) {
        if (!ok) {
            throw new IllegalArgumentException("configuration key '" + key + "' " + reason);
        }
    }
}
