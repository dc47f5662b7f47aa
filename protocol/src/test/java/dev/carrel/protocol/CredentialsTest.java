package dev.carrel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import org.junit.jupiter.api.Test;

class CredentialsTest {
    private static final byte[] SECRET = "demo-site-secret-for-tests-only!".getBytes(StandardCharsets.US_ASCII);

    @Test
    void normalise_followsTheRulesOfEachKind() throws Exception {
        assertEquals("04A1B2C3", Credentials.normalise(CredentialKind.CARD_UID, "04:a1-b2 c3"));
        assertEquals("90:324", Credentials.normalise(CredentialKind.WIEGAND, " 090:00324 "));
        assertEquals("0", Credentials.normalise(CredentialKind.WIEGAND, "000"));
        assertEquals("2023004217", Credentials.normalise(CredentialKind.FACE, " 2023004217 "));
        assertEquals("04A1B2C3D4E5F6", Credentials.normalise(CredentialKind.NFC_PHONE, "04a1b2c3d4e5f6"));
        assertEquals("phone-key-1", Credentials.normalise(CredentialKind.NFC_PHONE, "phone-key-1"));
        assertEquals("p-7f3a", Credentials.normalise(CredentialKind.QR_PASS, " p-7f3a\n"));
    }

    @Test
    void hash_isHmacOfKindAndNormalisedValue_sameForEquivalentSpellings() throws Exception {
        Mac mac = Credentials.mac(SECRET);
        CredentialHash a = Credentials.hash(mac, CredentialKind.CARD_UID, "04:a1:b2:c3");
        CredentialHash b = Credentials.hash(mac, CredentialKind.CARD_UID, "04A1B2C3");
        CredentialHash face = Credentials.hash(mac, CredentialKind.FACE, "04A1B2C3");
        assertEquals(a, b);
        assertNotEquals(a, face, "the kind is part of the hash input");
        Mac check = Credentials.mac(SECRET);
        assertEquals(CredentialHash.of(check.doFinal("card_uid:04A1B2C3".getBytes(StandardCharsets.UTF_8))), a);
    }

    @Test
    void normalise_badValue_isRefusedWithoutRepeatingIt() {
        String[][] bad = {{"CARD_UID", "04A1B2"}, {"WIEGAND", "90:abc"}, {"FACE", "secret\u0000id"}, {"QR_PASS", " "}};
        for (String[] b : bad) {
            Credentials.Malformed e = assertThrows(
                    Credentials.Malformed.class, () -> Credentials.normalise(CredentialKind.valueOf(b[0]), b[1]));
            assertEquals(CredentialKind.valueOf(b[0]), e.kind());
            assertFalse(!b[1].isBlank() && e.getMessage().contains(b[1]), "leaks the value: " + e.getMessage());
        }
    }
}
