package dev.carrel.hub.patrons;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Patron PINs and passwords for the mobile pass, hashed with a slow KDF from the JDK: PBKDF2-HMAC-SHA256
 * (RFC 8018 §5.2) with a 16-byte random salt and a 256-bit output. Stored as
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (base64), so the iteration count can rise later and old
 * hashes still verify. OWASP's 2023 figure for this KDF is 600,000 iterations; tests use fewer.
 */
public final class Pins {
    private static final String SCHEME = "pbkdf2-sha256";
    static final int MIN_LENGTH = 4;
    static final int MAX_LENGTH = 128;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();

    public Pins(int iterations) {
        if (iterations < 1_000) {
            throw new IllegalArgumentException(
                    "configuration key 'carrel.passes.pin-iterations' must be at least 1000, got " + iterations);
        }
        this.iterations = iterations;
    }

    /** Refuses a PIN that is too short or long; the message never repeats the PIN. */
    public static void check(String pin) {
        if (pin == null || pin.length() < MIN_LENGTH || pin.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("must be " + MIN_LENGTH + "-" + MAX_LENGTH + " characters");
        }
    }

    public String hash(String pin) {
        check(pin);
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return SCHEME + "$" + iterations + "$" + b64(salt) + "$" + b64(derive(pin, salt, iterations));
    }

    /** True when {@code pin} matches; compares in constant time. A malformed stored hash never matches. */
    public boolean verify(String pin, String stored) {
        String[] parts = stored.split("\\$");
        if (pin == null || parts.length != 4 || !parts[0].equals(SCHEME)) {
            return false;
        }
        try {
            int n = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] want = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(want, derive(pin, salt, n));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(String pin, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(pin.toCharArray(), salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
