package dev.carrel.hub.enrolment;

import dev.carrel.hub.passes.QrSvg;
import dev.carrel.protocol.AgentId;
import dev.carrel.provisioning.DeviceRole;
import dev.carrel.provisioning.EnrolmentGrant;
import dev.carrel.provisioning.EnrolmentRequest;
import dev.carrel.provisioning.EnrolmentToken;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Enrolment (DESIGN §5): one-time tokens for planned devices, their redemption by a new device, and
 * revocation.
 *
 * <p>Every enrolment makes a new agent id ({@code role-zone-xxxxxx}) and a new broker secret, and ids are
 * never reused: a re-enrolled device is a new identity, and a revoked id stays cut off for good.
 */
public final class Enrolment {
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(24);
    private static final Duration MAX_LIFETIME = Duration.ofDays(30);
    private static final Pattern ZONE = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,22}[a-z0-9])?");
    private static final Pattern PUBLIC_KEY = Pattern.compile("[A-Za-z0-9+/=]{40,200}");

    /** What the hub tells a new device about the site: empty id and no keys when it has no site set up. */
    public record Site(String id, List<String> passKeys) {}

    /** A token just made: its text and QR code are shown now and never again. */
    public record NewToken(PlannedDevice plan, String token, String qrContent, String qrSvg) {}

    /** The answer to a device's enrolment. */
    public sealed interface Outcome {}

    public record Granted(EnrolmentGrant grant) implements Outcome {}

    /** Refused, with the HTTP status that says why: 401 unknown, 409 used, 410 expired or revoked, 400 bad. */
    public record Refused(int status, String error) implements Outcome {}

    private final EnrolmentStore store;
    private final BrokerSeats seats;
    private final Site site;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final java.util.Set<String> revoked = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public Enrolment(EnrolmentStore store, BrokerSeats seats, Site site, Clock clock) {
        this.store = store;
        this.seats = seats;
        this.site = site;
        this.clock = clock;
        store.devices().stream().filter(d -> d.revokedAt().isPresent()).forEach(d -> revoked.add(d.agentId()));
    }

    /**
     * True for a device that was revoked: the hub ignores what it still sends (an external Mosquitto keeps an
     * open connection until it reconnects). A memory set, so ingest asks it for every message at no cost.
     */
    public boolean revoked(AgentId agent) {
        return revoked.contains(agent.value());
    }

    /**
     * Makes a token for a planned device.
     *
     * @param hubUrl the hub's address as the administrator reached it, put in the QR code for the device
     * @throws IllegalArgumentException for a bad role, zone or lifetime; nothing is stored then
     */
    public NewToken createToken(String role, String zone, Duration lifetime, String note, String hubUrl) {
        DeviceRole r = DeviceRole.of(role);
        if (zone == null || !ZONE.matcher(zone).matches()) {
            throw new IllegalArgumentException(
                    "zone must be 1-24 lower-case letters, digits or '-' (not at the ends), not '" + zone + "'");
        }
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("a token lives more than 0 and at most 30 days, not " + lifetime);
        }
        Instant now = clock.instant();
        String text = EnrolmentToken.create(random);
        PlannedDevice plan = new PlannedDevice(
                randomHex(4),
                r,
                zone,
                note == null ? "" : note.strip(),
                now,
                now.plus(lifetime),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        store.addToken(plan, EnrolmentToken.hash(text));
        store.log(now, "token-created", Optional.of(plan.id()), Optional.empty(), r.text() + " in " + zone, "");
        String qr = "carrel-enrol:?hub=" + URLEncoder.encode(hubUrl, StandardCharsets.UTF_8) + "&token=" + text;
        return new NewToken(plan, text, qr, QrSvg.of(qr));
    }

    /** What the token can still do now: open, used, expired or revoked. */
    public String state(PlannedDevice token) {
        return token.state(clock.instant());
    }

    public List<PlannedDevice> tokens() {
        return store.tokens();
    }

    /** Revokes a token that was not used yet; a used one is refused (revoke its device instead). */
    public Optional<PlannedDevice> revokeToken(String id) {
        Optional<PlannedDevice> known =
                store.tokens().stream().filter(t -> t.id().equals(id)).findFirst();
        if (known.isEmpty()) {
            return known;
        }
        if (known.get().usedAt().isPresent()) {
            throw new IllegalStateException("token " + id + " was used by "
                    + known.get().usedBy().orElse("?") + "; revoke that device instead");
        }
        Instant now = clock.instant();
        store.log(now, "token-revoked", Optional.of(id), Optional.empty(), "", "");
        return store.revokeToken(id, now);
    }

    /**
     * Redeems a token for the device that sent it: checks it, consumes it, makes the agent's broker seat.
     *
     * @param brokerUrl where this device should connect (the caller knows how the device reached the hub)
     * @param remote the device's address, for the log
     */
    public Outcome enrol(EnrolmentRequest request, UnaryOperator<String> brokerUrl, String remote) {
        Instant now = clock.instant();
        if (request.publicKey() == null
                || !PUBLIC_KEY.matcher(request.publicKey()).matches()) {
            return refuse(now, Optional.empty(), 400, "publicKey must be the device's Ed25519 key in base64", remote);
        }
        if (!EnrolmentToken.wellFormed(request.token())) {
            return refuse(now, Optional.empty(), 401, "unknown enrolment token", remote);
        }
        String hostname = request.hostname() == null ? "" : request.hostname().strip();
        var redemption = store.redeem(
                EnrolmentToken.hash(request.token()),
                now,
                plan -> new EnrolmentStore.NewDevice(
                        plan.role().text() + "-" + plan.zone() + "-" + randomHex(3), request.publicKey(), hostname));
        return switch (redemption) {
            case EnrolmentStore.Refused r -> refused(now, r, remote);
            case EnrolmentStore.Redeemed r -> granted(now, r.plan(), brokerUrl, remote);
        };
    }

    private Outcome granted(Instant now, PlannedDevice plan, UnaryOperator<String> brokerUrl, String remote) {
        String agentId = plan.usedBy().orElseThrow();
        String secret;
        try {
            secret = seats.admit(AgentId.of(agentId));
        } catch (IllegalStateException e) {
            // The token is spent and its device cut off: no half-made identity is left to use.
            store.revokeDevice(agentId, now);
            return refuse(now, Optional.of(plan.id()), 503, e.getMessage() + "; ask for a new token", remote);
        }
        store.log(
                now,
                "enrolled",
                Optional.of(plan.id()),
                Optional.of(agentId),
                plan.role().text(),
                remote);
        Map<String, Object> config = Map.of("keep-alive-seconds", 20, "telemetry-interval-seconds", 10);
        return new Granted(new EnrolmentGrant(
                agentId,
                brokerUrl.apply(agentId),
                secret,
                plan.role().text(),
                plan.zone(),
                site.id(),
                site.passKeys(),
                config));
    }

    private Outcome refused(Instant now, EnrolmentStore.Refused r, String remote) {
        Optional<String> id = r.plan().map(PlannedDevice::id);
        return switch (r.refusal()) {
            case UNKNOWN -> refuse(now, id, 401, "unknown enrolment token", remote);
            case USED -> refuse(now, id, 409, "this enrolment token was already used (ask for a new one)", remote);
            case EXPIRED ->
                refuse(
                        now,
                        id,
                        410,
                        "this enrolment token expired at "
                                + r.plan().orElseThrow().expiresAt(),
                        remote);
            case REVOKED -> refuse(now, id, 410, "this enrolment token was revoked", remote);
        };
    }

    private Refused refuse(Instant now, Optional<String> tokenId, int status, String error, String remote) {
        store.log(now, "refused", tokenId, Optional.empty(), status + " " + error, remote);
        return new Refused(status, error);
    }

    public List<EnrolledDevice> devices() {
        return store.devices();
    }

    /** Cuts a device off at the broker at once and marks it revoked; empty when there is no such device. */
    public Optional<EnrolledDevice> revokeDevice(String agentId) {
        Optional<EnrolledDevice> device = store.device(agentId);
        if (device.isEmpty()) {
            return device;
        }
        Instant now = clock.instant();
        revoked.add(agentId);
        seats.cutOff(AgentId.of(agentId));
        store.log(now, "device-revoked", Optional.of(device.get().tokenId()), Optional.of(agentId), "", "");
        return store.revokeDevice(agentId, now);
    }

    private String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
