package dev.carrel.agent.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.drivers.fake.ManualScheduler;
import dev.carrel.protocol.EventBody.GateDecision.Reason;
import dev.carrel.protocol.MobilePass;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassVerifierTest {
    private static final KeyPair OLD_KEY = GateTest.keyPair();
    private static final KeyPair NEW_KEY = GateTest.keyPair();

    private final ManualScheduler time = new ManualScheduler(GateTest.START);
    private final PassVerifier verifier = new PassVerifier(
            new GateConfig(
                    "gate-north",
                    GateTest.SECRET,
                    "main-library",
                    List.of(OLD_KEY.getPublic(), NEW_KEY.getPublic()),
                    Duration.ofSeconds(5),
                    Duration.ofMillis(800),
                    GateConfig.Fallback.DENY),
            time);

    private String pass(KeyPair key, Duration validity) {
        return MobilePass.create("main-library", "p-1", time.now(), validity).issue(key.getPrivate());
    }

    @Test
    void check_passFromEitherRotationKey_isValidOnce() {
        String a = pass(OLD_KEY, Duration.ofSeconds(60));
        String b = pass(NEW_KEY, Duration.ofSeconds(60));
        assertEquals(Reason.PASS_VALID, verifier.check(a).reason());
        assertEquals(Reason.PASS_VALID, verifier.check(b).reason());
        assertEquals(Reason.PASS_REPLAYED, verifier.check(a).reason());
        assertEquals("p-1", verifier.check(b).pass().orElseThrow().patron());
    }

    @Test
    void twinKeys_acceptedBesideTheConfiguredOnes_untilTheTwinDropsThem() {
        KeyPair twinOnly = GateTest.keyPair();
        assertEquals(
                Reason.PASS_INVALID,
                verifier.check(pass(twinOnly, Duration.ofSeconds(60))).reason());

        verifier.twinKeys(List.of(twinOnly.getPublic(), NEW_KEY.getPublic()));
        assertEquals(
                Reason.PASS_VALID,
                verifier.check(pass(twinOnly, Duration.ofSeconds(60))).reason());
        assertEquals(
                Reason.PASS_VALID,
                verifier.check(pass(OLD_KEY, Duration.ofSeconds(60))).reason());

        verifier.twinKeys(List.of());
        assertEquals(
                Reason.PASS_INVALID,
                verifier.check(pass(twinOnly, Duration.ofSeconds(60))).reason());
        assertEquals(
                Reason.PASS_VALID,
                verifier.check(pass(NEW_KEY, Duration.ofSeconds(60))).reason(),
                "a configured key stays whatever the twin lists");
    }

    @Test
    void check_replayAfterExpiry_isExpired_andTheIdIsForgotten() {
        String text = pass(NEW_KEY, Duration.ofSeconds(60));
        verifier.check(text);
        time.advance(Duration.ofSeconds(66));
        assertEquals(Reason.PASS_EXPIRED, verifier.check(text).reason());
        verifier.check(pass(NEW_KEY, Duration.ofSeconds(60)));
        assertEquals(1, verifier.remembered(), "expired ids must not pile up");
    }

    @Test
    void check_justInsideSkew_isValid_expiredPassStillNamesItsPatron() {
        String text = pass(NEW_KEY, Duration.ofSeconds(60));
        time.advance(Duration.ofSeconds(64));
        assertEquals(Reason.PASS_VALID, verifier.check(text).reason());
        String late = pass(NEW_KEY, Duration.ofSeconds(60));
        time.advance(Duration.ofSeconds(65));
        var check = verifier.check(late);
        assertEquals(Reason.PASS_EXPIRED, check.reason());
        assertEquals("p-1", check.pass().orElseThrow().patron());
    }

    @Test
    void check_unknownKeyOrGarbage_isInvalidWithNoPatron() {
        KeyPair stranger = GateTest.keyPair();
        for (String text : List.of(pass(stranger, Duration.ofSeconds(60)), "", "CP1.AAAA.AAAA", "hello")) {
            var check = verifier.check(text);
            assertEquals(Reason.PASS_INVALID, check.reason(), text);
            assertTrue(check.pass().isEmpty());
        }
        assertEquals(0, verifier.remembered());
    }
}
