package dev.carrel.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * A mobile pass: a short-lived token the hub signs with Ed25519 and a gate verifies offline (DESIGN §5).
 *
 * <p>Its text, fit for a QR code, is {@code CP1.<payload>.<signature>}: the payload is the unpadded base64url
 * of the UTF-8 JSON {@code {"site","patron","id","iat","exp"}} (times in Unix seconds), and the signature is
 * the unpadded base64url of the Ed25519 signature (RFC 8032 §5.1.6) over the ASCII bytes of
 * {@code CP1.<payload>}, so the version prefix is signed too. A pass carries the patron's pseudonym, never a
 * name. Times are whole seconds; a pass lives at most {@link #MAX_VALIDITY}. Replay within validity is the
 * verifier's business: {@link #id()} is unique per pass for that.
 */
public record MobilePass(String site, String patron, String id, Instant issuedAt, Instant expiresAt) {
    public static final String PREFIX = "CP1";

    /** Longer than a rotating QR needs; it bounds what a gate must remember to refuse replays. */
    public static final Duration MAX_VALIDITY = Duration.ofMinutes(15);

    /** Longer text is refused before any decoding: a real pass is about 240 characters. */
    public static final int MAX_LENGTH = 512;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{16,43}");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();
    private static final ObjectMapper MAPPER = WireJson.mapper();
    private static final RecordBinder BINDER = new RecordBinder(MAPPER);

    /** The DER header of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410 §4), before the 32 raw bytes. */
    private static final byte[] X509_ED25519 = HexFormat.of().parseHex("302a300506032b6570032100");

    /** Why a pass text was refused. */
    public enum Problem {
        /** Not a pass: wrong prefix, bad base64, bad JSON, a missing or invalid field, too long. */
        MALFORMED,
        /** Well-formed, but no configured key signed it. */
        BAD_SIGNATURE,
        /** Signed for another site. */
        WRONG_SITE,
        /** Issued in the future, beyond the allowed clock skew. */
        NOT_YET_VALID,
        /** Past its expiry, beyond the allowed clock skew. */
        EXPIRED
    }

    /** A refused pass text; {@link #problem()} says why. The message never repeats the text. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        private final Problem problem;

        public Refused(Problem problem, String detail) {
            super(problem + ": " + detail);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /** The payload as it sits in the token; short names keep the QR code small. */
    private record Payload(String site, String patron, String id, long iat, long exp) {}

    public MobilePass {
        Check.localId("site", site);
        Check.localId("patron", patron);
        Check.present("id", id);
        if (!ID.matcher(id).matches()) {
            throw new InvalidFieldException("id", "must be 16-43 base64url characters");
        }
        Check.present("issuedAt", issuedAt);
        Check.present("expiresAt", expiresAt);
        issuedAt = issuedAt.truncatedTo(ChronoUnit.SECONDS);
        expiresAt = expiresAt.truncatedTo(ChronoUnit.SECONDS);
        if (!expiresAt.isAfter(issuedAt)) {
            throw new InvalidFieldException("expiresAt", "must be after issuedAt");
        }
        if (Duration.between(issuedAt, expiresAt).compareTo(MAX_VALIDITY) > 0) {
            throw new InvalidFieldException("expiresAt", "must be at most " + MAX_VALIDITY + " after issuedAt");
        }
    }

    /** A new pass with a fresh random id (128 bits), valid from {@code now} for {@code validity}. */
    public static MobilePass create(
            String site, String patron, Instant now, Duration validity, RandomGenerator random) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return new MobilePass(site, patron, B64.encodeToString(id), now, now.plus(validity));
    }

    /** As {@link #create(String, String, Instant, Duration, RandomGenerator)} with a {@link SecureRandom}. */
    public static MobilePass create(String site, String patron, Instant now, Duration validity) {
        return create(site, patron, now, validity, new SecureRandom());
    }

    /** Signs this pass with the hub's Ed25519 private key and returns the text to put in the QR code. */
    public String issue(PrivateKey key) {
        byte[] json;
        try {
            json = MAPPER.writeValueAsBytes(
                    new Payload(site, patron, id, issuedAt.getEpochSecond(), expiresAt.getEpochSecond()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a mobile pass", e);
        }
        String signed = PREFIX + "." + B64.encodeToString(json);
        try {
            Signature ed = Signature.getInstance("Ed25519");
            ed.initSign(key);
            ed.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + B64.encodeToString(ed.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("key: not an Ed25519 private key", e);
        }
    }

    /**
     * Checks a pass text completely: form, signature by one of {@code keys}, site, and time with
     * {@code skew} allowed either side. Does not check replay.
     */
    public static MobilePass verify(String text, Collection<PublicKey> keys, String site, Instant now, Duration skew)
            throws Refused {
        String[] parts = split(text);
        MobilePass pass = decode(parts[1]);
        byte[] signature = base64(parts[2], "signature");
        if (!signedByAny(parts[0] + "." + parts[1], signature, keys)) {
            throw new Refused(Problem.BAD_SIGNATURE, "no configured key signed this pass");
        }
        if (!pass.site().equals(site)) {
            throw new Refused(Problem.WRONG_SITE, "issued for site " + pass.site() + ", not " + site);
        }
        if (now.isBefore(pass.issuedAt().minus(skew))) {
            throw new Refused(Problem.NOT_YET_VALID, "issued at " + pass.issuedAt() + ", now is " + now);
        }
        if (!now.isBefore(pass.expiresAt().plus(skew))) {
            throw new Refused(Problem.EXPIRED, "expired at " + pass.expiresAt() + ", now is " + now);
        }
        return pass;
    }

    /** Reads a pass text without checking its signature or time: for display and diagnostics only. */
    public static MobilePass parse(String text) throws Refused {
        return decode(split(text)[1]);
    }

    /** The Ed25519 public key whose 32 raw bytes (RFC 8032 §5.1.5) are given. */
    public static PublicKey publicKey(byte[] raw) {
        if (raw == null || raw.length != 32) {
            throw new InvalidFieldException("publicKey", "an Ed25519 public key has 32 bytes");
        }
        byte[] der = Arrays.copyOf(X509_ED25519, X509_ED25519.length + 32);
        System.arraycopy(raw, 0, der, X509_ED25519.length, 32);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new InvalidFieldException("publicKey", "not an Ed25519 public key: " + e.getMessage());
        }
    }

    /** The Ed25519 public key from its unpadded base64url raw form, as configuration files carry it. */
    public static PublicKey publicKey(String base64url) {
        try {
            return publicKey(UNB64.decode(Check.present("publicKey", base64url).strip()));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("publicKey", "not base64url: " + e.getMessage());
        }
    }

    /** The unpadded base64url of a public key's 32 raw bytes: the inverse of {@link #publicKey(String)}. */
    public static String encodePublicKey(PublicKey key) {
        byte[] der = key.getEncoded();
        if (!"Ed25519".equals(key.getAlgorithm()) && !"EdDSA".equals(key.getAlgorithm())
                || der.length != X509_ED25519.length + 32) {
            throw new InvalidFieldException("publicKey", "not an Ed25519 public key");
        }
        return B64.encodeToString(Arrays.copyOfRange(der, X509_ED25519.length, der.length));
    }

    private static String[] split(String text) throws Refused {
        if (text == null || text.isEmpty()) {
            throw new Refused(Problem.MALFORMED, "empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new Refused(Problem.MALFORMED, "longer than " + MAX_LENGTH + " characters");
        }
        String[] parts = text.strip().split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals(PREFIX)) {
            throw new Refused(Problem.MALFORMED, "not a " + PREFIX + " pass");
        }
        return parts;
    }

    private static MobilePass decode(String payload) throws Refused {
        byte[] json = base64(payload, "payload");
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw new Refused(Problem.MALFORMED, "payload is not a JSON object");
            }
            Payload p = BINDER.bind(node, Payload.class, "");
            return new MobilePass(
                    p.site(), p.patron(), p.id(), Instant.ofEpochSecond(p.iat()), Instant.ofEpochSecond(p.exp()));
        } catch (PayloadException e) {
            throw new Refused(Problem.MALFORMED, "payload " + e.getMessage());
        } catch (java.io.IOException | RuntimeException e) {
            // Jackson's parse errors and the record's InvalidFieldException (or an out-of-range instant).
            throw new Refused(Problem.MALFORMED, "payload: " + RecordBinder.firstLine(e.getMessage()));
        }
    }

    private static byte[] base64(String part, String what) throws Refused {
        try {
            return UNB64.decode(part);
        } catch (IllegalArgumentException e) {
            throw new Refused(Problem.MALFORMED, what + " is not base64url");
        }
    }

    private static boolean signedByAny(String signed, byte[] signature, Collection<PublicKey> keys) {
        byte[] bytes = signed.getBytes(StandardCharsets.US_ASCII);
        for (PublicKey key : keys) {
            try {
                Signature ed = Signature.getInstance("Ed25519");
                ed.initVerify(key);
                ed.update(bytes);
                if (ed.verify(signature)) {
                    return true;
                }
            } catch (GeneralSecurityException e) {
                // A wrong-length signature or a key of another algorithm: not signed by this key.
            }
        }
        return false;
    }

    /** Shows the id's first characters only: enough to trace a pass in logs, not to replay it. */
    @Override
    public String toString() {
        return "MobilePass[site=" + site + ", patron=" + patron + ", id=" + id.substring(0, 6) + "…, " + issuedAt + ".."
                + expiresAt + "]";
    }
}
