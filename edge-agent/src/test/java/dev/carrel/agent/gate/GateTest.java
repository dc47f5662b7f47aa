package dev.carrel.agent.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.agent.gate.RecordingKioskNotifier.Shown;
import dev.carrel.drivers.CredentialKind;
import dev.carrel.drivers.Signal;
import dev.carrel.drivers.fake.FakeCredentialReader;
import dev.carrel.drivers.fake.FakeGateActuator;
import dev.carrel.drivers.fake.FakeIndicator;
import dev.carrel.drivers.fake.ManualScheduler;
import dev.carrel.protocol.AllowlistDelta;
import dev.carrel.protocol.AuthorisationResponse;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.EventBody.GateDecision.Decision;
import dev.carrel.protocol.EventBody.GateDecision.Reason;
import dev.carrel.protocol.EventBody.GateDecision.Source;
import dev.carrel.protocol.MobilePass;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateTest {
    static final Instant START = Instant.parse("2026-11-23T09:00:00Z");
    static final SiteSecret SECRET = SiteSecret.of(new byte[32]);
    static final KeyPair HUB_KEY = keyPair();

    static final String KNOWN = "04A1B2C3";
    static final String EXPIRED = "04A1B2C4";
    static final String SUSPENDED = "04A1B2C5";
    static final String NEW_CARD = "04FFFFFF";

    @TempDir
    Path dir;

    private final ManualScheduler time = new ManualScheduler(START);
    private final FakeHubAuthoriser hub = new FakeHubAuthoriser();
    private final FakeGateActuator relay = new FakeGateActuator("gate-relay");
    private final FakeIndicator indicator = new FakeIndicator("gate-led");
    private final RecordingKioskNotifier kiosk = new RecordingKioskNotifier();
    private final RecordingEvents events = new RecordingEvents();
    private final FakeCredentialReader reader = new FakeCredentialReader("reader-1");
    private final CredentialHasher hasher = new CredentialHasher(SECRET);
    private Allowlist allowlist;
    private Gate gate;

    @BeforeEach
    void build() throws Exception {
        allowlist = Allowlist.open(dir.resolve("allowlist.db"));
        allowlist.apply(new AllowlistDelta(
                0,
                1,
                true,
                List.of(
                        entry(KNOWN, "p-1", "Zhang S.", Optional.empty()),
                        entry(EXPIRED, "p-2", "Li W.", Optional.of(START.minusSeconds(1))),
                        entry(SUSPENDED, "p-3", "Wang F.", Optional.empty())),
                List.of()));
        allowlist.apply(new AllowlistDelta(1, 2, false, List.of(), List.of(card(SUSPENDED))));
        gate = gate(GateConfig.Fallback.DENY);
    }

    @AfterEach
    void close() {
        allowlist.close();
    }

    private Gate gate(GateConfig.Fallback fallback) {
        return gate(fallback, relay);
    }

    private Gate gate(GateConfig.Fallback fallback, dev.carrel.drivers.GateActuator relay) {
        GateConfig config = new GateConfig(
                "gate-north",
                SECRET,
                "main-library",
                List.of(HUB_KEY.getPublic()),
                Duration.ofSeconds(5),
                Duration.ofMillis(800),
                fallback);
        Authority authority = new Authority(config, allowlist, new PassVerifier(config, time), hub, time);
        Reminders reminders = patron -> patron.equals("p-1") ? List.of("1 book due tomorrow") : List.of();
        return new Gate(config, hasher, authority, new GateEffects(relay, indicator, kiosk, reminders, events));
    }

    @Test
    void attach_readerPresents_gateDecides() {
        hub.online(false);
        gate.attach(reader);
        reader.present(CredentialKind.WIEGAND, "90:324");
        reader.present(CredentialKind.CARD_UID, KNOWN);
        assertEquals(1, relay.pulses().size());
        assertEquals(List.of(Signal.DENY, Signal.ACCEPT), indicator.shown());
    }

    @Test
    void tap_allowListedCard_pulsesRelayGreetsAndRecordsThreeEvents() {
        Verdict v = tap(CredentialKind.CARD_UID, "04:a1:b2:c3");

        assertVerdict(Decision.ALLOW, Reason.ALLOW_LISTED, Source.LOCAL, v);
        assertEquals(1, relay.pulses().size());
        assertEquals(List.of(Signal.ACCEPT), indicator.shown());
        assertEquals(
                new Shown(Optional.of("Zhang S."), List.of("1 book due tomorrow"), Optional.empty()),
                kiosk.last().orElseThrow());
        CredentialHash c = card(KNOWN);
        assertEquals(
                List.of(
                        new EventBody.CredentialPresented("reader-1", dev.carrel.protocol.CredentialKind.CARD_UID, c),
                        new EventBody.GateDecision("gate-north", c, Decision.ALLOW, Reason.ALLOW_LISTED, Source.LOCAL),
                        new EventBody.GatePassage("gate-north", EventBody.GatePassage.Direction.IN, Optional.of(c))),
                events.all());
        assertTrue(hub.requests().isEmpty(), "a known credential must not ask the hub");
    }

    @Test
    void tap_allowListedCardWhileHubIsSilent_isDecidedWithoutWaiting() {
        hub.answering(r -> Optional.empty());
        CompletableFuture<Verdict> v = gate.present(reader.present(CredentialKind.CARD_UID, KNOWN));
        assertTrue(v.isDone(), "a known credential never waits on the network");
        assertTrue(hub.requests().isEmpty());
    }

    @Test
    void tap_expiredEntry_isRefusedAsExpiredLocally() {
        assertVerdict(Decision.DENY, Reason.EXPIRED, Source.LOCAL, tap(CredentialKind.CARD_UID, EXPIRED));
        assertDenied(Reason.EXPIRED);
        assertTrue(hub.requests().isEmpty());
    }

    @Test
    void tap_revokedCard_isRefusedAsSuspendedEvenWithFallbackAllow() {
        gate = gate(GateConfig.Fallback.ALLOW);
        hub.online(false);
        assertVerdict(Decision.DENY, Reason.SUSPENDED, Source.LOCAL, tap(CredentialKind.CARD_UID, SUSPENDED));
        assertDenied(Reason.SUSPENDED);
    }

    @Test
    void tap_unknownCard_hubAllows_pulsesAndGreetsWithHubGreeting() {
        hub.answering(r -> Optional.of(answer(r.credential(), Decision.ALLOW, Reason.HUB_ALLOWED, 0)));

        Verdict v = tap(CredentialKind.CARD_UID, NEW_CARD);

        assertVerdict(Decision.ALLOW, Reason.HUB_ALLOWED, Source.HUB, v);
        assertEquals(1, relay.pulses().size());
        assertEquals(Optional.of("Chen J."), kiosk.last().orElseThrow().greeting());
        assertEquals(card(NEW_CARD), hub.requests().getFirst().credential());
        assertEquals("gate-north", hub.requests().getFirst().gateId());
    }

    @Test
    void tap_unknownCard_hubDenies_refusesWithHubDenied() {
        hub.answering(r -> Optional.of(answer(r.credential(), Decision.DENY, Reason.HUB_DENIED, 0)));
        assertVerdict(Decision.DENY, Reason.HUB_DENIED, Source.HUB, tap(CredentialKind.CARD_UID, NEW_CARD));
        assertDenied(Reason.HUB_DENIED);
    }

    @Test
    void tap_unknownCard_hubSaysUnknown_refusesAsUnknownCredential() {
        hub.answering(r -> Optional.of(answer(r.credential(), Decision.DENY, Reason.UNKNOWN_CREDENTIAL, 0)));
        assertVerdict(Decision.DENY, Reason.UNKNOWN_CREDENTIAL, Source.HUB, tap(CredentialKind.CARD_UID, NEW_CARD));
    }

    @Test
    void tap_unknownCardWhileOffline_appliesFallbackAtOnce() {
        hub.online(false);
        CompletableFuture<Verdict> v = gate.present(reader.present(CredentialKind.CARD_UID, NEW_CARD));
        assertTrue(v.isDone(), "offline: no wait at all");
        assertVerdict(Decision.DENY, Reason.FALLBACK_DENIED, Source.FALLBACK, v.join());
        assertTrue(hub.requests().isEmpty());
        assertDenied(Reason.FALLBACK_DENIED);
    }

    @Test
    void tap_unknownCardHubSilent_fallbackAllowAppliesAtTheDeadline() {
        gate = gate(GateConfig.Fallback.ALLOW);
        CompletableFuture<Verdict> v = gate.present(reader.present(CredentialKind.CARD_UID, NEW_CARD));

        time.advance(Duration.ofMillis(799));
        assertFalse(v.isDone(), "decided before the hub timeout");
        assertTrue(relay.pulses().isEmpty());
        time.advance(Duration.ofMillis(1));

        assertVerdict(Decision.ALLOW, Reason.FALLBACK_ALLOWED, Source.FALLBACK, v.join());
        assertEquals(1, relay.pulses().size());
        assertTrue(hub.future(0).isCancelled(), "the abandoned request must be released");
        assertEquals(1, gate.authority().hubCounts().timedOut());
    }

    @Test
    void tap_hubAnswersAfterTheDeadline_lateAnswerChangesNothing() {
        CompletableFuture<Verdict> v = gate.present(reader.present(CredentialKind.CARD_UID, NEW_CARD));
        time.advance(Duration.ofSeconds(1));
        hub.future(0).complete(answer(card(NEW_CARD), Decision.ALLOW, Reason.HUB_ALLOWED, 0));
        assertVerdict(Decision.DENY, Reason.FALLBACK_DENIED, Source.FALLBACK, v.join());
        assertTrue(relay.pulses().isEmpty());
        assertEquals(1, events.of(EventBody.GateDecision.class).size());
    }

    @Test
    void tap_hubAnswerContradictsItself_appliesFallbackAtOnce() {
        hub.answering(r -> Optional.of(answer(r.credential(), Decision.ALLOW, Reason.SUSPENDED, 0)));
        CompletableFuture<Verdict> v = gate.present(reader.present(CredentialKind.CARD_UID, NEW_CARD));
        assertTrue(v.isDone());
        assertVerdict(Decision.DENY, Reason.FALLBACK_DENIED, Source.FALLBACK, v.join());
    }

    @Test
    void tap_hubRequestFails_appliesFallbackAtOnce() {
        hub.answering(r -> {
            throw new IllegalStateException("send failed");
        });
        CompletableFuture<Verdict> v = gate.present(reader.present(CredentialKind.CARD_UID, NEW_CARD));
        assertTrue(v.isDone());
        assertEquals(Reason.FALLBACK_DENIED, v.join().reason());
    }

    @Test
    void tap_hubAnswerWithCacheSeconds_isReusedUntilItLapses() {
        hub.answering(r -> Optional.of(answer(r.credential(), Decision.ALLOW, Reason.HUB_ALLOWED, 60)));
        tap(CredentialKind.CARD_UID, NEW_CARD);
        hub.online(false);

        time.advance(Duration.ofSeconds(59));
        assertVerdict(Decision.ALLOW, Reason.HUB_ALLOWED, Source.HUB, tap(CredentialKind.CARD_UID, NEW_CARD));
        time.advance(Duration.ofSeconds(1));
        assertEquals(
                Reason.FALLBACK_DENIED, tap(CredentialKind.CARD_UID, NEW_CARD).reason());
        assertEquals(1, hub.requests().size());
    }

    @Test
    void tap_cachedHubAllowThenRevokedByDelta_isRefused() throws Exception {
        hub.answering(r -> Optional.of(answer(r.credential(), Decision.ALLOW, Reason.HUB_ALLOWED, 600)));
        tap(CredentialKind.CARD_UID, NEW_CARD);
        allowlist.apply(new AllowlistDelta(2, 3, false, List.of(), List.of(card(NEW_CARD))));
        assertEquals(Reason.SUSPENDED, tap(CredentialKind.CARD_UID, NEW_CARD).reason());
    }

    @Test
    void tap_malformedCardValue_isRefusedWithoutEventsOrHub() {
        Verdict v = tap(CredentialKind.CARD_UID, "not-a-uid!");
        assertVerdict(Decision.DENY, Reason.UNKNOWN_CREDENTIAL, Source.LOCAL, v);
        assertEquals(List.of(Signal.DENY), indicator.shown());
        assertTrue(events.all().isEmpty(), "no credential, nothing to record");
        assertTrue(hub.requests().isEmpty());
        assertEquals(1, gate.malformed());
    }

    @Test
    void tap_whileClosed_isRefusedAsClosedAndRecorded() {
        gate.admitting(false);
        assertVerdict(Decision.DENY, Reason.CLOSED, Source.LOCAL, tap(CredentialKind.CARD_UID, KNOWN));
        assertTrue(relay.pulses().isEmpty());
        assertEquals(2, events.all().size());
        gate.admitting(true);
        assertEquals(Reason.ALLOW_LISTED, tap(CredentialKind.CARD_UID, KNOWN).reason());
    }

    @Test
    void scan_validPass_isAllowedOfflineAndGreetedByPatronsListedName() {
        hub.online(false);
        String text = pass("p-1", START, Duration.ofSeconds(60));

        Verdict v = tap(CredentialKind.QR, text);

        assertVerdict(Decision.ALLOW, Reason.PASS_VALID, Source.LOCAL, v);
        assertEquals(1, relay.pulses().size());
        assertEquals(Optional.of("Zhang S."), kiosk.last().orElseThrow().greeting());
        EventBody.CredentialPresented presented =
                events.of(EventBody.CredentialPresented.class).getFirst();
        assertEquals(dev.carrel.protocol.CredentialKind.QR_PASS, presented.kind());
        assertEquals(hash(dev.carrel.protocol.CredentialKind.QR_PASS, "p-1"), presented.credential());
    }

    @Test
    void scan_samePassTwice_secondIsReplayed() {
        String text = pass("p-1", START, Duration.ofSeconds(60));
        assertEquals(Reason.PASS_VALID, tap(CredentialKind.QR, text).reason());
        time.advance(Duration.ofSeconds(10));
        assertVerdict(Decision.DENY, Reason.PASS_REPLAYED, Source.LOCAL, tap(CredentialKind.QR, text));
        assertEquals(1, relay.pulses().size());
        assertDenied(Reason.PASS_REPLAYED);
    }

    @Test
    void scan_passAfterExpiry_isRefusedAsExpired() {
        String text = pass("p-1", START.minusSeconds(120), Duration.ofSeconds(60));
        assertVerdict(Decision.DENY, Reason.PASS_EXPIRED, Source.LOCAL, tap(CredentialKind.QR, text));
        assertTrue(relay.pulses().isEmpty());
    }

    @Test
    void scan_garbageOrForgedPass_isRefusedAsInvalidAndAsksNobody() throws Exception {
        KeyPair forger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String forged = MobilePass.create("main-library", "p-1", START, Duration.ofSeconds(60))
                .issue(forger.getPrivate());
        for (String text : List.of("https://example.org/menu", "CP1.x.y", forged)) {
            assertVerdict(Decision.DENY, Reason.PASS_INVALID, Source.LOCAL, tap(CredentialKind.QR, text));
        }
        assertTrue(relay.pulses().isEmpty());
        assertTrue(hub.requests().isEmpty());
        assertFalse(
                events.of(EventBody.CredentialPresented.class)
                        .getLast()
                        .credential()
                        .equals(hash(dev.carrel.protocol.CredentialKind.QR_PASS, "p-1")),
                "a forged pass must not be recorded against the patron it names");
    }

    @Test
    void tap_relayFails_decisionStillRecordedAndKioskTold() {
        gate = gate(GateConfig.Fallback.DENY, new BrokenRelay());
        Verdict v = tap(CredentialKind.CARD_UID, KNOWN);
        assertEquals(Reason.ALLOW_LISTED, v.reason());
        assertEquals(3, events.all().size());
        assertEquals(Optional.of("Zhang S."), kiosk.last().orElseThrow().greeting());
    }

    private Verdict tap(CredentialKind kind, String value) {
        CompletableFuture<Verdict> v = gate.present(reader.present(kind, value));
        assertTrue(v.isDone(), "expected an immediate decision");
        return v.join();
    }

    private void assertDenied(Reason reason) {
        assertEquals(Signal.DENY, indicator.current().orElseThrow());
        assertEquals(Optional.of(reason), kiosk.last().orElseThrow().refusal());
        EventBody.GateDecision d = events.of(EventBody.GateDecision.class).getLast();
        assertEquals(reason, d.reason());
        assertEquals(d, events.all().getLast(), "no passage after a refusal");
    }

    private static void assertVerdict(Decision decision, Reason reason, Source source, Verdict v) {
        assertEquals(decision, v.decision(), v.toString());
        assertEquals(reason, v.reason(), v.toString());
        assertEquals(source, v.source(), v.toString());
    }

    static String pass(String patron, Instant issued, Duration validity) {
        return MobilePass.create("main-library", patron, issued, validity).issue(HUB_KEY.getPrivate());
    }

    static AuthorisationResponse answer(CredentialHash c, Decision d, Reason r, int cacheSeconds) {
        return new AuthorisationResponse(c, d, r, Optional.of("Chen J."), cacheSeconds);
    }

    static AllowlistDelta.Entry entry(String uid, String patron, String greeting, Optional<Instant> until) {
        return new AllowlistDelta.Entry(card(uid), patron, greeting, until);
    }

    static CredentialHash card(String uid) {
        return hash(dev.carrel.protocol.CredentialKind.CARD_UID, uid);
    }

    static CredentialHash hash(dev.carrel.protocol.CredentialKind kind, String value) {
        try {
            return new CredentialHasher(SECRET).hash(kind, value);
        } catch (CredentialHasher.MalformedCredentialException e) {
            throw new AssertionError(e);
        }
    }

    static KeyPair keyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** A relay whose driver fails, as a GPIO line lost to a fault would. */
    private static final class BrokenRelay implements dev.carrel.drivers.GateActuator {
        @Override
        public void pulse() {
            throw new IllegalStateException("gpio gone");
        }

        @Override
        public void pulse(Duration length) {
            pulse();
        }

        @Override
        public dev.carrel.drivers.GateState state() {
            return dev.carrel.drivers.GateState.CLOSED;
        }

        @Override
        public String id() {
            return "broken";
        }

        @Override
        public Optional<dev.carrel.drivers.DriverFault> fault() {
            return Optional.empty();
        }

        @Override
        public void close() {}
    }
}
