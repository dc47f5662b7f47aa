package dev.carrel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.protocol.MobilePass.Problem;
import dev.carrel.protocol.MobilePass.Refused;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MobilePassTest {
    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private static final Duration SKEW = Duration.ofSeconds(5);
    private static final KeyPair HUB = keyPair();
    private static final KeyPair OTHER = keyPair();

    private final MobilePass pass = MobilePass.create("main-library", "p-7f3a", NOW, Duration.ofSeconds(60));

    @Test
    void issue_thenVerify_givesTheSamePassBack() throws Refused {
        String text = pass.issue(HUB.getPrivate());

        MobilePass verified =
                MobilePass.verify(text, List.of(HUB.getPublic()), "main-library", NOW.plusSeconds(30), SKEW);

        assertEquals(pass, verified);
        assertTrue(text.startsWith("CP1."), text);
        assertTrue(text.length() < 300, "a pass must fit a small QR code, got " + text.length());
        assertTrue(text.matches("[A-Za-z0-9._-]+"), "URL-safe text only: " + text);
    }

    @Test
    void verify_withSecondOfTwoKeys_accepts() throws Refused {
        String text = pass.issue(HUB.getPrivate());
        MobilePass.verify(text, List.of(OTHER.getPublic(), HUB.getPublic()), "main-library", NOW, SKEW);
    }

    @Test
    void verify_signedByAnotherKey_isBadSignature() {
        String text = pass.issue(OTHER.getPrivate());
        assertRefused(Problem.BAD_SIGNATURE, text, NOW);
    }

    @Test
    void verify_payloadAltered_isBadSignature() {
        String text = pass.issue(HUB.getPrivate());
        String[] parts = text.split("\\.");
        String forged =
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("p-7f3a", "p-0001");
        String tampered = parts[0] + "." + b64(forged) + "." + parts[2];
        assertRefused(Problem.BAD_SIGNATURE, tampered, NOW);
    }

    @Test
    void verify_prefixChanged_isMalformed() {
        String text = pass.issue(HUB.getPrivate());
        assertRefused(Problem.MALFORMED, "CP2" + text.substring(3), NOW);
    }

    @Test
    void verify_afterExpiryPlusSkew_isExpired_withinSkew_isAccepted() throws Refused {
        String text = pass.issue(HUB.getPrivate());
        MobilePass.verify(text, List.of(HUB.getPublic()), "main-library", NOW.plusSeconds(64), SKEW);
        assertRefused(Problem.EXPIRED, text, NOW.plusSeconds(65));
    }

    @Test
    void verify_issuedInTheFutureBeyondSkew_isNotYetValid() {
        String text = pass.issue(HUB.getPrivate());
        assertRefused(Problem.NOT_YET_VALID, text, NOW.minusSeconds(6));
    }

    @Test
    void verify_otherSite_isWrongSite() {
        String text = MobilePass.create("law-library", "p-7f3a", NOW, Duration.ofSeconds(60))
                .issue(HUB.getPrivate());
        assertRefused(Problem.WRONG_SITE, text, NOW);
    }

    @Test
    void verify_garbage_isMalformedWhateverTheBytes() {
        List<String> garbage = List.of(
                "",
                "hello",
                "CP1..",
                "CP1.%%%.%%%",
                "CP1." + b64("not json") + "." + b64("sig"),
                "CP1." + b64("[1,2]") + "." + b64("sig"),
                "CP1." + b64("{\"site\":\"s\"}") + "." + b64("sig"),
                "CP1." + b64("{\"site\":\"s\",\"patron\":\"p\",\"id\":\"short\",\"iat\":1,\"exp\":2}") + ".AA",
                "CP1."
                        + b64(
                                "{\"site\":\"s\",\"patron\":\"p\",\"id\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"iat\":\"1\",\"exp\":2}")
                        + ".AA",
                "CP1."
                        + b64("{\"site\":\"s\",\"patron\":\"p\",\"id\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"iat\":1,\"exp\":"
                                + Long.MAX_VALUE + "}")
                        + ".AA",
                "CP1.a.b.c",
                "x".repeat(10_000));
        for (String text : garbage) {
            assertRefused(Problem.MALFORMED, text, NOW);
        }
        Random random = new Random(11);
        for (int i = 0; i < 500; i++) {
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            String text = random.nextBoolean()
                    ? new String(bytes, StandardCharsets.ISO_8859_1)
                    : "CP1." + Base64.getUrlEncoder().encodeToString(bytes) + ".AAAA";
            Refused refused = assertThrows(
                    Refused.class, () -> MobilePass.verify(text, List.of(HUB.getPublic()), "s", NOW, SKEW));
            assertEquals(Problem.MALFORMED, refused.problem(), refused.getMessage());
        }
    }

    @Test
    void create_longerThanMaxValidity_isRefused() {
        assertThrows(
                InvalidFieldException.class,
                () -> MobilePass.create("main-library", "p-1", NOW, Duration.ofMinutes(16)));
        assertThrows(InvalidFieldException.class, () -> MobilePass.create("main-library", "p-1", NOW, Duration.ZERO));
    }

    @Test
    void create_givesEachPassItsOwnId() {
        MobilePass a = MobilePass.create("main-library", "p-1", NOW, Duration.ofSeconds(30));
        MobilePass b = MobilePass.create("main-library", "p-1", NOW, Duration.ofSeconds(30));
        assertTrue(!a.id().equals(b.id()));
        assertEquals(22, a.id().length());
    }

    @Test
    void parse_readsWithoutCheckingSignature() throws Refused {
        MobilePass read = MobilePass.parse(pass.issue(OTHER.getPrivate()));
        assertEquals(pass, read);
    }

    @Test
    void publicKey_rawBase64RoundTrips_andWrongLengthIsRefused() throws Refused {
        String encoded = MobilePass.encodePublicKey(HUB.getPublic());
        PublicKey decoded = MobilePass.publicKey(encoded);
        assertEquals(43, encoded.length());
        MobilePass.verify(pass.issue(HUB.getPrivate()), List.of(decoded), "main-library", NOW, SKEW);
        assertThrows(InvalidFieldException.class, () -> MobilePass.publicKey("AAAA"));
        assertThrows(InvalidFieldException.class, () -> MobilePass.publicKey("!!not base64!!"));
    }

    @Test
    void toString_doesNotShowTheWholeTokenId() {
        assertTrue(!pass.toString().contains(pass.id()), pass.toString());
    }

    private static void assertRefused(Problem expected, String text, Instant now) {
        Refused refused = assertThrows(
                Refused.class, () -> MobilePass.verify(text, List.of(HUB.getPublic()), "main-library", now, SKEW));
        assertEquals(expected, refused.problem(), refused.getMessage());
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static KeyPair keyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
