package dev.carrel.protocol;

import dev.carrel.protocol.EventBody.GateDecision.Decision;
import dev.carrel.protocol.EventBody.GateDecision.Reason;
import java.util.Optional;

/**
 * The hub's answer to an {@link AuthorisationRequest}. The greeting is the short form a kiosk shows
 * ("Zhang S."), never a full name; {@code cacheSeconds} says how long the gate may reuse the answer.
 */
public record AuthorisationResponse(
        CredentialHash credential, Decision decision, Reason reason, Optional<String> greeting, int cacheSeconds)
        implements Message {

    public AuthorisationResponse {
        Check.present("credential", credential);
        Check.present("decision", decision);
        Check.present("reason", reason);
        greeting = Check.optional("greeting", greeting);
        greeting.ifPresent(g -> Check.text("greeting", g, 32));
        Check.range("cacheSeconds", cacheSeconds, 0, 86_400);
    }
}
