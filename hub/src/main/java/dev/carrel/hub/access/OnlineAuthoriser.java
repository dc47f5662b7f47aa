package dev.carrel.hub.access;

import dev.carrel.hub.patrons.Patron;
import dev.carrel.hub.patrons.PatronStatus;
import dev.carrel.hub.patrons.Patrons;
import dev.carrel.protocol.AuthorisationRequest;
import dev.carrel.protocol.AuthorisationResponse;
import dev.carrel.protocol.EventBody.GateDecision.Decision;
import dev.carrel.protocol.EventBody.GateDecision.Reason;
import dev.carrel.protocol.InvalidFieldException;
import dev.carrel.protocol.Message;
import dev.carrel.protocol.PayloadException;
import dev.carrel.protocol.Topic;
import dev.carrel.protocol.WireCodec;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * Answers gates' {@code requests/authorise} (docs/gate.md, "Asking the hub") for credentials not yet in
 * their allow-list: allow with the greeting for an active patron in date, deny {@code suspended},
 * {@code expired} or {@code unknown_credential} otherwise. The answer goes to the request's Response Topic
 * with its Correlation Data (MQTT 5 §4.10), and only when that topic is the asking agent's own
 * {@code responses/authorise}: an agent cannot direct answers to another.
 *
 * <p>An allow may be reused by the gate for {@code cacheSeconds}; a suspension still ends it at once,
 * because the allow-list's revocation overrides the cache. A deny is never cached. Lookups run on
 * {@code executor}, never on the MQTT callback thread.
 */
public final class OnlineAuthoriser {
    private static final Logger LOG = Logger.getLogger(OnlineAuthoriser.class.getName());

    /** Where answers go: the hub's MQTT client. */
    public interface Responder {
        void respond(String responseTopic, Optional<byte[]> correlationData, Message answer);
    }

    private final WireCodec codec = new WireCodec();
    private final Patrons patrons;
    private final Responder responder;
    private final Executor executor;
    private final Clock clock;
    private final int cacheSeconds;

    public OnlineAuthoriser(Patrons patrons, Responder responder, Executor executor, Clock clock, int cacheSeconds) {
        this.patrons = patrons;
        this.responder = responder;
        this.executor = executor;
        this.clock = clock;
        this.cacheSeconds = cacheSeconds;
    }

    /** For {@code HubMqttClient.onRequest}: returns at once. */
    public void request(Topic topic, byte[] payload, Optional<String> responseTopic, Optional<byte[]> correlation) {
        if (!topic.name().orElse("").equals(AuthorisationRequest.NAME)) {
            return;
        }
        String expected =
                Topic.response(topic.agent(), AuthorisationRequest.NAME).toString();
        if (responseTopic.isEmpty() || !responseTopic.get().equals(expected)) {
            LOG.warning(() -> "authorisation request from " + topic.agent() + " without its own response topic");
            return;
        }
        executor.execute(() -> answer(topic, payload, responseTopic.get(), correlation));
    }

    private void answer(Topic topic, byte[] payload, String responseTopic, Optional<byte[]> correlation) {
        AuthorisationRequest request;
        try {
            request = codec.decode(topic, payload, AuthorisationRequest.class);
        } catch (PayloadException | InvalidFieldException e) {
            LOG.warning(() -> "malformed authorisation request from " + topic.agent() + ": " + e.getMessage());
            return;
        }
        try {
            responder.respond(responseTopic, correlation, decide(request));
        } catch (SQLException e) {
            // No answer: the gate applies its fallback at its deadline.
            LOG.warning(() -> "cannot look up a credential for " + topic.agent() + ": " + e.getMessage());
        }
    }

    /** The hub's decision for a credential. */
    public AuthorisationResponse decide(AuthorisationRequest request) throws SQLException {
        Optional<Patron> patron = patrons.byCredential(request.credential());
        if (patron.isEmpty()) {
            return deny(request, Reason.UNKNOWN_CREDENTIAL);
        }
        Patron p = patron.get();
        Instant now = clock.instant();
        if (p.status() == PatronStatus.SUSPENDED) {
            return deny(request, Reason.SUSPENDED);
        }
        if (!p.admitted(now)) {
            return deny(request, Reason.EXPIRED);
        }
        return new AuthorisationResponse(
                request.credential(), Decision.ALLOW, Reason.HUB_ALLOWED, Optional.of(p.greeting()), cacheSeconds);
    }

    private static AuthorisationResponse deny(AuthorisationRequest request, Reason reason) {
        return new AuthorisationResponse(request.credential(), Decision.DENY, reason, Optional.empty(), 0);
    }
}
