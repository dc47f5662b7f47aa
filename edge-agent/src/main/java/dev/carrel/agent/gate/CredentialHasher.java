package dev.carrel.agent.gate;

import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.CredentialKind;
import dev.carrel.protocol.Credentials;
import javax.crypto.Mac;

/**
 * Turns a raw credential into the keyed hash that stands for it everywhere else:
 * {@code HMAC-SHA256(site secret, kind + ":" + normalised value)}, lower-case hex, where {@code kind} is the
 * protocol's wire name ({@code card_uid}, {@code wiegand}, {@code qr_pass}, {@code face}, {@code nfc_phone}).
 * The rules live in the protocol's {@link Credentials}, which the hub uses on its patron registry, so both
 * sides normalise alike (docs/gate.md).
 *
 * <p>The raw value goes no further than this class: it is not logged, not kept, and a refusal names only the
 * kind and the rule broken. Thread-safe.
 */
public final class CredentialHasher {
    private final Mac mac;

    /** A raw value that cannot be a credential of its kind; the message never repeats the value. */
    public static final class MalformedCredentialException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedCredentialException(Credentials.Malformed cause) {
            super(cause.getMessage());
        }
    }

    public CredentialHasher(SiteSecret secret) {
        mac = Credentials.mac(secret.key());
    }

    /** The keyed hash of a raw value read by a reader of {@code kind}. */
    public CredentialHash hash(CredentialKind kind, String raw) throws MalformedCredentialException {
        try {
            synchronized (mac) {
                return Credentials.hash(mac, kind, raw);
            }
        } catch (Credentials.Malformed e) {
            throw new MalformedCredentialException(e);
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
}
