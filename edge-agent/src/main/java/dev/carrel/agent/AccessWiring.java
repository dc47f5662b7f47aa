package dev.carrel.agent;

import dev.carrel.agent.devices.AgentDevices;
import dev.carrel.agent.gate.Allowlist;
import dev.carrel.agent.gate.AllowlistSync;
import dev.carrel.agent.gate.Authority;
import dev.carrel.agent.gate.CredentialHasher;
import dev.carrel.agent.gate.Gate;
import dev.carrel.agent.gate.GateConfig;
import dev.carrel.agent.gate.GateEffects;
import dev.carrel.agent.gate.KioskNotifier;
import dev.carrel.agent.gate.MqttHubAuthoriser;
import dev.carrel.agent.gate.PassVerifier;
import dev.carrel.agent.gate.SiteSecret;
import dev.carrel.agent.kiosk.KioskEvent;
import dev.carrel.agent.kiosk.KioskFeed;
import dev.carrel.agent.kiosk.KioskPatron;
import dev.carrel.agent.mqtt.AgentConnection;
import dev.carrel.agent.seats.SeatBinding;
import dev.carrel.agent.seats.SeatSessions;
import dev.carrel.drivers.CredentialReader;
import dev.carrel.drivers.GateActuator;
import dev.carrel.drivers.Indicator;
import dev.carrel.drivers.Scheduler;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.EventBody.GateDecision.Reason;
import dev.carrel.protocol.GateReminders;
import dev.carrel.protocol.MobilePass;
import dev.carrel.protocol.PayloadException;
import dev.carrel.protocol.Topic;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * Wires who may do what: the gate (readers → decision → relay, indicator, kiosk, events) and the desk
 * readers that check patrons in at their seat. Both hash credentials with the site's secret first.
 */
final class AccessWiring implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AccessWiring.class.getName());

    private Allowlist allowlist;
    private Gate gate;
    private PassVerifier passes;
    private String siteId = "";
    private volatile boolean gap;
    private volatile GateReminders reminders = new GateReminders(1, java.time.Instant.EPOCH, java.util.Map.of());
    private Runnable reportWanted = () -> {};

    /**
     * Called when the hub should hear the allow-list's state again, and the agent re-publishes its reported
     * twin: after a gap (so the hub sends a snapshot) and once the list is back in step (so the twin stops
     * saying {@code allowlistGap: true}, which would earn a snapshot at every later report).
     */
    void onReportWanted(Runnable action) {
        this.reportWanted = action;
    }

    /** The parts of the agent that access touches. */
    record Parts(
            AgentDevices devices,
            AgentConnection connection,
            Events events,
            SeatSessions seats,
            KioskFeed kiosk,
            KioskPatron kioskPatron,
            Scheduler scheduler,
            Executor executor) {}

    void wire(AgentLayout layout, Path dataDir, Parts p) throws IOException, SQLException {
        if (layout.site().isEmpty()) {
            return;
        }
        AgentLayout.SiteSettings site = layout.site().get();
        SiteSecret secret = SiteSecret.read(site.secretFile());
        CredentialHasher hasher = new CredentialHasher(secret);
        deskReaders(layout.seats(), hasher, p);
        if (layout.gate().isPresent()) {
            gate(layout.gate().get(), site, secret, hasher, dataDir, p);
        }
    }

    private void deskReaders(List<SeatBinding> seats, CredentialHasher hasher, Parts p) {
        for (SeatBinding seat : seats) {
            seat.reader()
                    .flatMap(id -> p.devices().find(id, CredentialReader.class))
                    .ifPresent(reader -> reader.onCredential(c -> {
                        try {
                            p.seats()
                                    .checkIn(
                                            seat.seatId(),
                                            hasher.hash(CredentialHasher.kindOf(c.kind()), c.value()),
                                            "desk_reader");
                        } catch (CredentialHasher.MalformedCredentialException e) {
                            LOG.warning(() -> "desk reader " + reader.id() + " read something that is no credential");
                        }
                    }));
        }
    }

    private void gate(
            AgentLayout.GateSettings g,
            AgentLayout.SiteSettings site,
            SiteSecret secret,
            CredentialHasher hasher,
            Path dataDir,
            Parts p)
            throws SQLException {
        GateConfig config = new GateConfig(
                g.id(),
                secret,
                site.id(),
                passKeys(site.passKeys()),
                GateConfig.DEFAULT_PASS_SKEW,
                g.hubTimeout(),
                GateConfig.Fallback.valueOf(g.fallback().toUpperCase(Locale.ROOT)));
        allowlist = Allowlist.open(dataDir.resolve("allowlist.db"));
        MqttHubAuthoriser hub = MqttHubAuthoriser.over(p.connection());
        p.connection().on(Topic.Kind.RESPONSE, inbound -> {
            // responses/reminders is the hub's push of the gate's reminders; every other name is an answer.
            if (inbound.topic().name().orElse("").equals(GateReminders.NAME)) {
                acceptReminders(inbound.payload());
            } else {
                hub.onResponse(inbound);
            }
        });
        AllowlistSync sync = new AllowlistSync(
                allowlist,
                p.executor(),
                (have, from) -> {
                    LOG.warning(() -> "allow-list at version " + have + " missed deltas up to " + from
                            + "; asking for a snapshot through the reported twin");
                    gap = true;
                    reportWanted.run();
                },
                this::inStep);
        p.connection().on(Topic.Kind.CREDENTIALS, sync::onDelta);
        passes = new PassVerifier(config, p.scheduler());
        siteId = site.id();
        Authority authority = new Authority(config, allowlist, passes, hub, p.scheduler());
        GateEffects effects = new GateEffects(
                p.devices().find(g.relay(), GateActuator.class).orElseThrow(() -> notA(g.relay(), "gate relay")),
                p.devices().find(g.indicator(), Indicator.class).orElseThrow(() -> notA(g.indicator(), "indicator")),
                kiosk(p.kiosk(), p.kioskPatron()),
                patron -> reminders.forPatron(patron),
                p.events()::publish);
        gate = new Gate(config, hasher, authority, effects);
        for (String id : g.readers()) {
            gate.attach(reader(p, id));
        }
        GateActuator exitRelay = g.exitRelay()
                .map(id -> p.devices().find(id, GateActuator.class).orElseThrow(() -> notA(id, "gate relay")))
                .orElse(effects.relay());
        for (String id : g.exitReaders()) {
            gate.attachExit(reader(p, id), exitRelay);
        }
    }

    private static CredentialReader reader(Parts p, String id) {
        return p.devices().find(id, CredentialReader.class).orElseThrow(() -> notA(id, "credential reader"));
    }

    /** The list caught up after a gap: the gap is closed, and the hub hears so. */
    private void inStep(long version) {
        if (gap) {
            gap = false;
            LOG.info(() -> "allow-list back in step with the hub at version " + version);
            reportWanted.run();
        }
    }

    /** Keeps the newest set of reminders (docs/patrons.md); an older or malformed one changes nothing. */
    private void acceptReminders(byte[] payload) {
        try {
            GateReminders next = GateReminders.decode(payload);
            if (next.version() > reminders.version() || reminders.ts().equals(java.time.Instant.EPOCH)) {
                reminders = next;
            }
        } catch (PayloadException e) {
            LOG.warning(() -> "ignored malformed gate reminders: " + e.getMessage());
        }
    }

    private static KioskNotifier kiosk(KioskFeed feed, KioskPatron patron) {
        return new KioskNotifier() {
            @Override
            public void farewell(
                    Optional<CredentialHash> credential, Optional<String> shortName, List<String> reminders) {
                credential.ifPresent(patron::left);
                feed.publish(new KioskEvent.Farewell(shortName.orElse(""), reminders));
            }

            @Override
            public void greet(Optional<String> shortName, List<String> reminders) {
                feed.publish(new KioskEvent.Greeting(shortName.orElse(""), reminders));
            }

            @Override
            public void refuse(Reason reason) {
                feed.publish(new KioskEvent.Refusal(reason.name().toLowerCase(Locale.ROOT), hint(reason)));
            }
        };
    }

    /** What the kiosk suggests; the page translates the code. */
    private static String hint(Reason reason) {
        return switch (reason) {
            case SUSPENDED, EXPIRED -> "see_the_desk";
            case PASS_EXPIRED, PASS_REPLAYED, PASS_INVALID -> "refresh_your_pass";
            case CLOSED -> "see_opening_hours";
            default -> "try_another_way_in";
        };
    }

    private static IllegalArgumentException notA(String id, String what) {
        return new IllegalArgumentException("configuration key 'gate' names '" + id + "', which is not a " + what);
    }

    /**
     * The desired twin's {@code access} section (docs/gate.md, "Mobile passes"): the hub's pass keys, which the
     * gate accepts beside its configured ones; a twin without them withdraws them. A malformed key is skipped
     * with a warning, a twin for another site changes nothing.
     */
    void desired(java.util.Map<String, Object> state) {
        PassVerifier verifier = passes;
        if (verifier == null) {
            return;
        }
        Object access = state.get("access");
        if (access instanceof java.util.Map<?, ?> a && a.get("site") instanceof String s && !s.equals(siteId)) {
            LOG.warning(() -> "desired twin: access is for site '" + s + "', this gate is '" + siteId + "'; ignored");
            return;
        }
        List<PublicKey> keys = new ArrayList<>();
        if (access instanceof java.util.Map<?, ?> a && a.get("passKeys") instanceof List<?> listed) {
            for (Object k : listed) {
                try {
                    keys.addAll(passKeys(List.of(String.valueOf(k))));
                } catch (IllegalArgumentException e) {
                    LOG.warning("desired twin: access.passKeys holds a key that is not an Ed25519 public key");
                }
            }
        }
        if (!keys.equals(verifier.twinKeys())) {
            LOG.info(() -> "mobile pass keys from the hub's twin: " + keys.size());
            verifier.twinKeys(keys);
        }
    }

    private static List<PublicKey> passKeys(List<String> base64) {
        List<PublicKey> keys = new ArrayList<>();
        for (String k : base64) {
            if (k.strip().length() == 43) {
                // The documented form: base64url of the 32 raw bytes (MobilePass.publicKey, docs/gate.md).
                keys.add(MobilePass.publicKey(k));
                continue;
            }
            try {
                keys.add(KeyFactory.getInstance("Ed25519")
                        .generatePublic(
                                new X509EncodedKeySpec(Base64.getDecoder().decode(k))));
            } catch (IllegalArgumentException | java.security.GeneralSecurityException e) {
                throw new IllegalArgumentException(
                        "configuration key 'site.pass-keys' holds a key that is not a base64 Ed25519 public key");
            }
        }
        return keys;
    }

    /**
     * What access adds to the reported twin: the allow-list version the gate holds, and whether it missed
     * deltas, so the hub sends a snapshot (docs/gate.md).
     */
    java.util.Map<String, Object> reported() {
        if (allowlist == null) {
            return java.util.Map.of();
        }
        return java.util.Map.of("allowlistVersion", allowlist.version(), "allowlistGap", gap);
    }

    Optional<Gate> gate() {
        return Optional.ofNullable(gate);
    }

    @Override
    public void close() {
        if (allowlist != null) {
            allowlist.close();
        }
    }
}
