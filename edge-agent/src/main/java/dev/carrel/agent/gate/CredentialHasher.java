package dev.carrel.agent.gate;

import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.CredentialKind;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a raw credential into the keyed hash that stands for it everywhere else:
 * {@code HMAC-SHA256(site secret, kind + ":" + normalised value)}, lower-case hex, where {@code kind} is the
 * protocol's wire name ({@code card_uid}, {@code wiegand}, {@code qr_pass}, {@code face}, {@code nfc_phone}).
 * The hub computes the same from its patron registry, so both sides must normalise alike (docs/gate.md).
 *
 * <p>The raw value goes no further than this class: it is not logged, not kept, and a refusal names only the
 * kind and the rule broken. Thread-safe.
 */
public final class CredentialHasher {
    private static final Pattern SEPARATORS = Pattern.compile("[\\s:-]");
    private static final Pattern HEX = Pattern.compile("(?:[0-9A-F]{2}){4,10}");
    private static final Pattern WIEGAND = Pattern.compile("(\\d{1,10}):(\\d{1,10})|(\\d{1,20})");
    private static final int MAX_TEXT = 128;

    /** A QR code holds at most 4,296 characters (ISO/IEC 18004, version 40, alphanumeric mode). */
    private static final int MAX_QR = 4_296;

    private final Mac mac;

    /** A raw value that cannot be a credential of its kind; the message never repeats the value. */
    public static final class MalformedCredentialException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedCredentialException(CredentialKind kind, String rule) {
            super(kind.name().toLowerCase(Locale.ROOT) + " credential " + rule);
        }
    }

    public CredentialHasher(SiteSecret secret) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no HmacSHA256", e);
        }
    }

    /** The keyed hash of a raw value read by a reader of {@code kind}. */
    public CredentialHash hash(CredentialKind kind, String raw) throws MalformedCredentialException {
        String input = wire(kind) + ":" + normalise(kind, raw);
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        synchronized (mac) {
            return CredentialHash.of(mac.doFinal(bytes));
        }
    }

    /** The protocol's kind for a driver's kind: the QR a camera reads is a mobile pass. */
    public static CredentialKind kindOf(dev.carrel.drivers.CredentialKind kind) {
        return switch (kind) {
            case CARD_UID -> CredentialKind.CARD_UID;
            case WIEGAND -> CredentialKind.WIEGAND;
            case QR -> CredentialKind.QR_PASS;
            case FACE -> CredentialKind.FACE;
            case NFC_PHONE -> CredentialKind.NFC_PHONE;
        };
    }

    static String wire(CredentialKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Card UIDs: upper-case hex of 4-10 bytes, separators dropped ({@code 04:a1-b2 c3…} is {@code 04A1B2C3…}).
     * Wiegand: {@code facility:card} or a bare card number, decimal without leading zeros. An NFC phone: like
     * a UID when it is hex, else like text. Face terminal id: trimmed text of at most 128 characters without
     * control characters. QR (a pass's patron pseudonym, or the scanned text when it is no valid pass):
     * trimmed text.
     */
    static String normalise(CredentialKind kind, String raw) throws MalformedCredentialException {
        if (raw == null) {
            throw new MalformedCredentialException(kind, "is missing");
        }
        return switch (kind) {
            case CARD_UID -> uid(kind, raw);
            case NFC_PHONE -> {
                String hex = SEPARATORS.matcher(raw).replaceAll("").toUpperCase(Locale.ROOT);
                yield HEX.matcher(hex).matches() ? hex : text(kind, raw);
            }
            case WIEGAND -> wiegand(raw);
            case QR_PASS -> qr(raw);
            case FACE -> text(kind, raw);
        };
    }

    private static String uid(CredentialKind kind, String raw) throws MalformedCredentialException {
        String hex = SEPARATORS.matcher(raw).replaceAll("").toUpperCase(Locale.ROOT);
        if (!HEX.matcher(hex).matches()) {
            throw new MalformedCredentialException(kind, "must be 4-10 bytes of hex");
        }
        return hex;
    }

    private static String wiegand(String raw) throws MalformedCredentialException {
        var m = WIEGAND.matcher(raw.strip());
        if (!m.matches()) {
            throw new MalformedCredentialException(CredentialKind.WIEGAND, "must be decimal facility:card or card");
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
    private static String qr(String raw) throws MalformedCredentialException {
        String t = raw.strip();
        if (t.isEmpty() || t.length() > MAX_QR) {
            throw new MalformedCredentialException(CredentialKind.QR_PASS, "must be 1-" + MAX_QR + " characters");
        }
        return t;
    }

    private static String text(CredentialKind kind, String raw) throws MalformedCredentialException {
        String t = raw.strip();
        if (t.isEmpty() || t.length() > MAX_TEXT) {
            throw new MalformedCredentialException(kind, "must be 1-" + MAX_TEXT + " characters");
        }
        for (int i = 0; i < t.length(); i++) {
            if (Character.isISOControl(t.charAt(i))) {
                throw new MalformedCredentialException(kind, "must not hold control characters");
            }
        }
        return t;
    }
}
