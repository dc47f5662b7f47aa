package dev.carrel.agent.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.agent.gate.CredentialHasher.MalformedCredentialException;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.CredentialKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialHasherTest {
    private static final byte[] KEY = "carrel-test-site-secret-32-bytes".getBytes(StandardCharsets.US_ASCII);
    private final CredentialHasher hasher = new CredentialHasher(SiteSecret.of(KEY));

    @TempDir
    Path dir;

    @Test
    void hash_isHmacSha256OfKindColonNormalisedValue() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal("card_uid:04A1B2C3".getBytes(StandardCharsets.UTF_8)));

        assertEquals(new CredentialHash(expected), hasher.hash(CredentialKind.CARD_UID, "04a1b2c3"));
    }

    @Test
    void hash_cardUidWithSeparatorsOrLowerCase_isTheSameCredential() throws Exception {
        CredentialHash plain = hasher.hash(CredentialKind.CARD_UID, "04A1B2C3D4E5F6");
        for (String form : new String[] {"04:a1:b2:c3:d4:e5:f6", "04-A1-B2-C3-D4-E5-F6", " 04 a1 b2 c3 d4 e5 f6 "}) {
            assertEquals(plain, hasher.hash(CredentialKind.CARD_UID, form), form);
        }
    }

    @Test
    void hash_wiegandLeadingZeros_areTheSameCredential() throws Exception {
        assertEquals(hasher.hash(CredentialKind.WIEGAND, "90:324"), hasher.hash(CredentialKind.WIEGAND, "090:00324"));
        assertEquals(hasher.hash(CredentialKind.WIEGAND, "0"), hasher.hash(CredentialKind.WIEGAND, "000"));
        assertNotEquals(hasher.hash(CredentialKind.WIEGAND, "90:324"), hasher.hash(CredentialKind.WIEGAND, "90324"));
    }

    @Test
    void hash_faceIdTrimmed_andSameValueOfAnotherKindDiffers() throws Exception {
        assertEquals(hasher.hash(CredentialKind.FACE, "2023004217"), hasher.hash(CredentialKind.FACE, " 2023004217\t"));
        assertNotEquals(hasher.hash(CredentialKind.FACE, "12345678"), hasher.hash(CredentialKind.CARD_UID, "12345678"));
    }

    @Test
    void hash_anotherSecret_givesAnotherHash() throws Exception {
        CredentialHasher other = new CredentialHasher(SiteSecret.of(new byte[32]));
        assertNotEquals(
                other.hash(CredentialKind.CARD_UID, "04A1B2C3"), hasher.hash(CredentialKind.CARD_UID, "04A1B2C3"));
    }

    @Test
    void hash_malformedValues_areRefusedWithoutRepeatingThem() {
        String[][] bad = {
            {"CARD_UID", "04A1B2"},
            {"CARD_UID", "04A1B2C3Z9"},
            {"CARD_UID", "04A1B2C3D"},
            {"CARD_UID", ""},
            {"WIEGAND", "90:abc"},
            {"WIEGAND", "-5"},
            {"WIEGAND", "1:2:3"},
            {"FACE", "   "},
            {"FACE", "x".repeat(129)},
            {"FACE", "secret\u0000id"},
            {"QR_PASS", " "}
        };
        for (String[] b : bad) {
            MalformedCredentialException e = assertThrows(
                    MalformedCredentialException.class,
                    () -> hasher.hash(CredentialKind.valueOf(b[0]), b[1]),
                    b[0] + " " + b[1]);
            assertFalse(!b[1].isBlank() && e.getMessage().contains(b[1]), "the message leaks the value: " + e);
        }
    }

    @Test
    void kindOf_mapsQrToPass() {
        assertEquals(CredentialKind.QR_PASS, CredentialHasher.kindOf(dev.carrel.drivers.CredentialKind.QR));
        assertEquals(CredentialKind.NFC_PHONE, CredentialHasher.kindOf(dev.carrel.drivers.CredentialKind.NFC_PHONE));
    }

    @Test
    void siteSecret_shortKeyOrWorldReadableFile_isRefused_privateFileIsRead() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> SiteSecret.of(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> SiteSecret.fromBase64("not base64!"));
        Path file = dir.resolve("site-secret");
        Files.writeString(file, Base64.getEncoder().encodeToString(KEY) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        IllegalArgumentException open = assertThrows(IllegalArgumentException.class, () -> SiteSecret.read(file));
        assertTrue(open.getMessage().contains("chmod 600"), open.getMessage());

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        CredentialHasher fromFile = new CredentialHasher(SiteSecret.read(file));
        assertEquals(
                hasher.hash(CredentialKind.CARD_UID, "04A1B2C3"), fromFile.hash(CredentialKind.CARD_UID, "04A1B2C3"));
        assertFalse(
                SiteSecret.read(file).toString().contains(Base64.getEncoder().encodeToString(KEY)));
    }
}
