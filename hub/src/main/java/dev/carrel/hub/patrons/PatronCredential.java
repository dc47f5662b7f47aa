package dev.carrel.hub.patrons;

import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.CredentialKind;

/** One of a patron's ways in, as the keyed hash the gates see; the raw value is never kept. */
public record PatronCredential(CredentialKind kind, CredentialHash hash) {
    public PatronCredential {
        if (kind == null || hash == null) {
            throw new IllegalArgumentException("a credential needs its kind and hash");
        }
        if (kind == CredentialKind.QR_PASS) {
            throw new IllegalArgumentException("a mobile pass is issued by the hub, not registered as a credential");
        }
    }
}
