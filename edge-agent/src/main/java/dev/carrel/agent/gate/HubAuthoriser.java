package dev.carrel.agent.gate;

import dev.carrel.protocol.AuthorisationRequest;
import dev.carrel.protocol.AuthorisationResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Asks the hub about a credential the gate does not know. The gate bounds the wait and cancels the future
 * when it gives up; an implementation frees what it holds for the request then.
 */
public interface HubAuthoriser {

    /** Whether a request can go out now; when not, the gate applies its fallback without waiting. */
    boolean online();

    /**
     * Sends the request; the future completes with the hub's answer, fails when the request cannot be sent
     * or the answer is malformed, and may never complete when the hub is silent.
     */
    CompletableFuture<AuthorisationResponse> authorise(AuthorisationRequest request);
}
