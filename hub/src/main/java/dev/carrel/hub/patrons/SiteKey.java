package dev.carrel.hub.patrons;

import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.CredentialKind;
import dev.carrel.protocol.Credentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;

/**
 * The site's HMAC key on the hub: the same secret the gates hold ({@code carrel.site.secret-file}, base64 of
 * at least 32 bytes, in a file others cannot read; never in the database). It turns a registered credential
 * into the hash a gate computes ({@link Credentials}), and a patron id into its pseudonym. Thread-safe.
 */
public final class SiteKey {
    static final int MIN_BYTES = 32;
    private static final String KEY = "carrel.site.secret-file";

    private final byte[] key;
    private final ThreadLocal<Mac> mac;

    private SiteKey(byte[] key) {
        if (key.length < MIN_BYTES) {
            throw new IllegalArgumentException(
                    "configuration key '" + KEY + "' holds " + key.length + " bytes; need at least " + MIN_BYTES);
        }
        this.key = key.clone();
        this.mac = ThreadLocal.withInitial(() -> Credentials.mac(this.key));
    }

    public static SiteKey of(byte[] key) {
        return new SiteKey(key);
    }

    /** Reads the base64 secret (standard or URL-safe) from a file with no permission for "others". */
    public static SiteKey read(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null) {
            Set<PosixFilePermission> perms = view.readAttributes().permissions();
            if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new IllegalArgumentException("configuration key '" + KEY + "': " + file
                        + " must not be readable or writable by others (chmod 600)");
            }
        }
        byte[] text = Files.readAllBytes(file);
        try {
            String t = new String(text, StandardCharsets.US_ASCII).strip();
            boolean url = t.indexOf('-') >= 0 || t.indexOf('_') >= 0;
            return new SiteKey(
                    url ? Base64.getUrlDecoder().decode(t) : Base64.getDecoder().decode(t));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("configuration key")) {
                throw e;
            }
            throw new IllegalArgumentException("configuration key '" + KEY + "': " + file + " is not base64 text", e);
        } finally {
            Arrays.fill(text, (byte) 0);
        }
    }

    /** The hash a gate computes for this raw value (docs/gate.md, "Normalisation"). */
    public CredentialHash hash(CredentialKind kind, String raw) throws Credentials.Malformed {
        return Credentials.hash(mac.get(), kind, raw);
    }

    /**
     * The patron's pseudonym: {@code p-} and 20 hex digits (80 bits) of HMAC(secret, "patron:" + id). Stable
     * for a site, so a gate's allow-list, a pass and the reminders agree; not reversible without the secret.
     */
    public String pseudonym(String patronId) {
        byte[] h = mac.get().doFinal(("patron:" + patronId).getBytes(StandardCharsets.UTF_8));
        return "p-" + HexFormat.of().formatHex(h, 0, 10);
    }

    /** The credential hash a gate records for the pass of the patron with this pseudonym. */
    public Optional<String> passHash(String pseudonym) {
        try {
            return Optional.of(hash(CredentialKind.QR_PASS, pseudonym).hex());
        } catch (Credentials.Malformed e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "SiteKey[" + key.length + " bytes]";
    }
}
