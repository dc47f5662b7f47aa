package dev.carrel.hub.enrolment;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * One line of a Mosquitto password file in the format {@code mosquitto_passwd} 2.0 writes:
 * {@code user:$7$101$salt$hash}, where 7 is PBKDF2-HMAC-SHA512, 101 the iterations, the salt 12 random bytes
 * and the hash 64 bytes, both in standard base64 (mosquitto src/password_mosq.c, {@code pw__hash}). Made
 * here rather than by running {@code mosquitto_passwd -b}, which would put the secret on a command line that
 * any local user can read in {@code ps}.
 */
final class MosquittoPasswords {
    private static final int ITERATIONS = 101;
    private static final int SALT_BYTES = 12;
    private static final int HASH_BITS = 512;

    private MosquittoPasswords() {}

    static String line(String user, String password, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return user + ":$7$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(hash(password, salt));
    }

    private static byte[] hash(String password, byte[] salt) {
        // PBEKeySpec takes chars and PBKDF2WithHmacSHA512 encodes them as UTF-8, as OpenSSL takes the bytes.
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has PBKDF2WithHmacSHA512", e);
        } finally {
            spec.clearPassword();
        }
    }
}
