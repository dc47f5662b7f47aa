package dev.carrel.protocol;

import java.time.Instant;

/**
 * A gate asks the hub about a credential that is not in its allow-list, on {@code requests/authorise} with
 * an MQTT 5 response topic and correlation data (MQTT 5 §4.10).
 */
public record AuthorisationRequest(String gateId, CredentialKind kind, CredentialHash credential, Instant ts)
        implements Message {

    public static final String NAME = "authorise";

    public AuthorisationRequest {
        Check.localId("gateId", gateId);
        Check.present("kind", kind);
        Check.present("credential", credential);
        Check.present("ts", ts);
    }
}
