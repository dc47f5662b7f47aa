package dev.carrel.provisioning;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A one-time enrolment token's text: {@code cet1-} and 32 random bytes in unpadded base64url (43 characters).
 * The prefix says what the text is when someone pastes it in the wrong place and lets the format change
 * later. Only {@link #hash} of a token is stored: the token is random, so an unsalted SHA-256 leaves nothing
 * to guess from a copied database.
 */
public final class EnrolmentToken {
    private static final String PREFIX = "cet1-";
    private static final Pattern FORM = Pattern.compile("cet1-[A-Za-z0-9_-]{43}");

    private EnrolmentToken() {}

    /** A new token's text, shown to the administrator once. */
    public static String create(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether the text has a token's shape; a text that has not cannot be any token. */
    public static boolean wellFormed(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    /** The stored form: SHA-256 of the text, in hex. */
    public static String hash(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
