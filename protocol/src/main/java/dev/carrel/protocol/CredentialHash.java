package dev.carrel.protocol;

import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A credential as it travels: the lower-case hex of HMAC-SHA256(site secret, kind + ":" + value). The raw
 * card number, Wiegand code or face-terminal id never leaves the edge agent (DESIGN §7).
 */
public record CredentialHash(String hex) {
    private static final Pattern FORM = Pattern.compile("[0-9a-f]{64}");

    public CredentialHash {
        Check.present("credentialHash", hex);
        if (!FORM.matcher(hex).matches()) {
            throw new InvalidFieldException("credentialHash", "must be 64 lower-case hex digits (HMAC-SHA256)");
        }
    }

    public static CredentialHash of(byte[] mac) {
        return new CredentialHash(HexFormat.of().formatHex(mac));
    }

    @Override
    public String toString() {
        return hex;
    }
}
