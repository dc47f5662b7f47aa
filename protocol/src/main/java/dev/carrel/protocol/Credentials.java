package dev.carrel.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one rule for turning a raw credential into the keyed hash that stands for it on the wire:
 * {@code HMAC-SHA256(site secret, kind + ":" + normalised value)}, lower-case hex (docs/gate.md,
 * "Normalisation"). The edge agent hashes what a reader read and the hub hashes what its patron registry
 * holds; both call this class, so a card hashes alike on either side.
 *
 * <p>A refusal ({@link Malformed}) names the kind and the rule broken, never the value.
 */
public final class Credentials {
    private static final Pattern SEPARATORS = Pattern.compile("[\\s:-]");
    private static final Pattern HEX = Pattern.compile("(?:[0-9A-F]{2}){4,10}");
    private static final Pattern WIEGAND = Pattern.compile("(\\d{1,10}):(\\d{1,10})|(\\d{1,20})");
    private static final int MAX_TEXT = 128;

    /** A QR code holds at most 4,296 characters (ISO/IEC 18004, version 40, alphanumeric mode). */
    private static final int MAX_QR = 4_296;

    private Credentials() {}

    /** A raw value that cannot be a credential of its kind; the message never repeats the value. */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        private final CredentialKind kind;

        Malformed(CredentialKind kind, String rule) {
            super(wire(kind) + " credential " + rule);
            this.kind = kind;
        }

        public CredentialKind kind() {
            return kind;
        }
    }

    /** The kind's name on the wire and in the hash input: {@code card_uid}, {@code wiegand}, … */
    public static String wire(CredentialKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** A fresh HMAC-SHA256 keyed with the site secret; a {@link Mac} is not thread-safe, so one per user. */
    public static Mac mac(byte[] siteSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(siteSecret, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no HmacSHA256", e);
        }
    }

    /** The keyed hash of a raw value of {@code kind}; the caller owns {@code mac} (not thread-safe). */
    public static CredentialHash hash(Mac mac, CredentialKind kind, String raw) throws Malformed {
        String input = wire(kind) + ":" + normalise(kind, raw);
        return CredentialHash.of(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Card UIDs: upper-case hex of 4-10 bytes, separators dropped ({@code 04:a1-b2 c3…} is {@code 04A1B2C3…}).
     * Wiegand: {@code facility:card} or a bare card number, decimal without leading zeros. An NFC phone: like
     * a UID when it is hex, else like text. Face terminal id: trimmed text of at most 128 characters without
     * control characters. QR (a pass's patron pseudonym, or the scanned text when it is no valid pass):
     * trimmed text.
     */
    public static String normalise(CredentialKind kind, String raw) throws Malformed {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        if (raw == null) {
            throw new Malformed(kind, "is missing");
        }
        return switch (kind) {
            case CARD_UID -> uid(raw);
            case NFC_PHONE -> {
                String hex = SEPARATORS.matcher(raw).replaceAll("").toUpperCase(Locale.ROOT);
                yield HEX.matcher(hex).matches() ? hex : text(kind, raw);
            }
            case WIEGAND -> wiegand(raw);
            case QR_PASS -> qr(raw);
            case FACE -> text(kind, raw);
        };
    }

    private static String uid(String raw) throws Malformed {
        String hex = SEPARATORS.matcher(raw).replaceAll("").toUpperCase(Locale.ROOT);
        if (!HEX.matcher(hex).matches()) {
            throw new Malformed(CredentialKind.CARD_UID, "must be 4-10 bytes of hex");
        }
        return hex;
    }

    private static String wiegand(String raw) throws Malformed {
        var m = WIEGAND.matcher(raw.strip());
        if (!m.matches()) {
            throw new Malformed(CredentialKind.WIEGAND, "must be decimal facility:card or card");
        }
        if (m.group(3) != null) {
            return decimal(m.group(3));
        }
        return decimal(m.group(1)) + ":" + decimal(m.group(2));
    }

    private static String decimal(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    /** Any text a camera decoded: only a hash input, so no character is refused. */
    private static String qr(String raw) throws Malformed {
        String t = raw.strip();
        if (t.isEmpty() || t.length() > MAX_QR) {
            throw new Malformed(CredentialKind.QR_PASS, "must be 1-" + MAX_QR + " characters");
        }
        return t;
    }

    private static String text(CredentialKind kind, String raw) throws Malformed {
        String t = raw.strip();
        if (t.isEmpty() || t.length() > MAX_TEXT) {
            throw new Malformed(kind, "must be 1-" + MAX_TEXT + " characters");
        }
        for (int i = 0; i < t.length(); i++) {
            if (Character.isISOControl(t.charAt(i))) {
                throw new Malformed(kind, "must not hold control characters");
            }
        }
        return t;
    }
}
