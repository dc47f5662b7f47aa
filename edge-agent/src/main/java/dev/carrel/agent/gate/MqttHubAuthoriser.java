package dev.carrel.agent.gate;

import dev.carrel.agent.mqtt.AgentConnection;
import dev.carrel.agent.mqtt.Inbound;
import dev.carrel.protocol.AuthorisationRequest;
import dev.carrel.protocol.AuthorisationResponse;
import dev.carrel.protocol.PayloadException;
import dev.carrel.protocol.WireCodec;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * {@link HubAuthoriser} over MQTT 5 request/response (§4.10): the request goes to {@code requests/authorise}
 * with the agent's {@code responses/authorise} as Response Topic and fresh Correlation Data; {@link
 * #onResponse} completes the request whose Correlation Data the answer carries. Register it before the
 * connection starts: {@code connection.on(Topic.Kind.RESPONSE, authoriser::onResponse)}.
 *
 * <p>An answer that matches no open request (late, after the gate gave up, or forged) is dropped; a
 * malformed answer to an open request fails it, so the gate applies its fallback at once instead of waiting.
 */
public final class MqttHubAuthoriser implements HubAuthoriser {
    private static final Logger LOG = Logger.getLogger(MqttHubAuthoriser.class.getName());

    /** Sends one request with its correlation data; Paho's publish, in production. */
    @FunctionalInterface
    interface Sender {
        void send(AuthorisationRequest request, byte[] correlationData) throws MqttException;
    }

    private final BooleanSupplier online;
    private final Sender sender;
    private final WireCodec codec = new WireCodec();
    private final Map<String, Open> open = new ConcurrentHashMap<>();
    private final AtomicLong unmatched = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();

    private record Open(AuthorisationRequest request, CompletableFuture<AuthorisationResponse> answer) {}

    MqttHubAuthoriser(BooleanSupplier online, Sender sender) {
        this.online = online;
        this.sender = sender;
    }

    /** Requests over the agent's connection; online while it is connected. */
    public static MqttHubAuthoriser over(AgentConnection connection) {
        return new MqttHubAuthoriser(connection::connected, connection::request);
    }

    @Override
    public boolean online() {
        return online.getAsBoolean();
    }

    @Override
    public CompletableFuture<AuthorisationResponse> authorise(AuthorisationRequest request) {
        byte[] correlation = new byte[16];
        ThreadLocalRandom.current().nextBytes(correlation);
        String key = HexFormat.of().formatHex(correlation);
        CompletableFuture<AuthorisationResponse> answer = new CompletableFuture<>();
        open.put(key, new Open(request, answer));
        // However it ends (answer, timeout cancel, failure), the request is no longer open.
        answer.whenComplete((r, e) -> open.remove(key));
        try {
            sender.send(request, correlation);
        } catch (MqttException | RuntimeException e) {
            answer.completeExceptionally(e);
        }
        return answer;
    }

    /** The handler for the agent's {@code responses/...} topic. */
    public void onResponse(Inbound inbound) {
        if (inbound.correlationData().isEmpty()) {
            unmatched.incrementAndGet();
            LOG.fine(() -> "response without correlation data on " + inbound.topic() + " dropped");
            return;
        }
        Open request =
                open.get(HexFormat.of().formatHex(inbound.correlationData().get()));
        if (request == null) {
            unmatched.incrementAndGet();
            LOG.fine(() -> "response matching no open request on " + inbound.topic() + " dropped");
            return;
        }
        try {
            AuthorisationResponse response =
                    codec.decode(inbound.topic(), inbound.payload(), AuthorisationResponse.class);
            if (!response.credential().equals(request.request().credential())) {
                throw new PayloadException("credential", "answers another credential than the request's");
            }
            request.answer().complete(response);
        } catch (PayloadException e) {
            malformed.incrementAndGet();
            LOG.warning(() -> "malformed authorisation response on " + inbound.topic() + ": " + e.getMessage());
            request.answer().completeExceptionally(e);
        }
    }

    /** Requests sent and not yet answered, failed or given up. */
    public int open() {
        return open.size();
    }

    /** Responses that matched no open request. */
    public long unmatched() {
        return unmatched.get();
    }

    /** Responses to an open request that broke the contract. */
    public long malformed() {
        return malformed.get();
    }
}
