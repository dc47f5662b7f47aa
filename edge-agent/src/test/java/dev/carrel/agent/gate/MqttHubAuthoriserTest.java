package dev.carrel.agent.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.agent.mqtt.Inbound;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.AuthorisationRequest;
import dev.carrel.protocol.AuthorisationResponse;
import dev.carrel.protocol.CredentialKind;
import dev.carrel.protocol.EventBody.GateDecision.Decision;
import dev.carrel.protocol.EventBody.GateDecision.Reason;
import dev.carrel.protocol.Topic;
import dev.carrel.protocol.WireCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;

class MqttHubAuthoriserTest {
    private static final Topic RESPONSES = Topic.response(AgentId.of("gate-north"), AuthorisationRequest.NAME);

    private final List<byte[]> sent = new ArrayList<>();
    private final MqttHubAuthoriser hub = new MqttHubAuthoriser(() -> true, (r, c) -> sent.add(c));
    private final WireCodec codec = new WireCodec();

    private static AuthorisationRequest request(String uid) {
        return new AuthorisationRequest("gate-north", CredentialKind.CARD_UID, GateTest.card(uid), GateTest.START);
    }

    private Inbound answer(byte[] correlation, byte[] payload) {
        return new Inbound(RESPONSES, payload, Optional.empty(), Optional.ofNullable(correlation), Optional.empty());
    }

    private byte[] allow(String uid) {
        return codec.encode(GateTest.answer(GateTest.card(uid), Decision.ALLOW, Reason.HUB_ALLOWED, 0));
    }

    @Test
    void response_completesTheRequestWithItsCorrelationData_only() {
        CompletableFuture<AuthorisationResponse> first = hub.authorise(request("04A1B2C3"));
        CompletableFuture<AuthorisationResponse> second = hub.authorise(request("04A1B2C4"));
        assertFalse(java.util.Arrays.equals(sent.get(0), sent.get(1)), "each request needs its own correlation");

        hub.onResponse(answer(sent.get(1), allow("04A1B2C4")));

        assertFalse(first.isDone());
        assertEquals(GateTest.card("04A1B2C4"), second.join().credential());
        assertEquals(1, hub.open());
    }

    @Test
    void response_unknownOrMissingCorrelation_isDropped() {
        CompletableFuture<AuthorisationResponse> pending = hub.authorise(request("04A1B2C3"));
        hub.onResponse(answer(new byte[16], allow("04A1B2C3")));
        hub.onResponse(answer(null, allow("04A1B2C3")));
        assertFalse(pending.isDone());
        assertEquals(2, hub.unmatched());
    }

    @Test
    void response_malformedOrForAnotherCredential_failsTheRequestAtOnce() {
        CompletableFuture<AuthorisationResponse> a = hub.authorise(request("04A1B2C3"));
        CompletableFuture<AuthorisationResponse> b = hub.authorise(request("04A1B2C3"));
        hub.onResponse(answer(sent.get(0), "{\"v\":1,\"decision\":\"allow\"}".getBytes(StandardCharsets.UTF_8)));
        hub.onResponse(answer(sent.get(1), allow("04A1B2C4")));
        assertTrue(a.isCompletedExceptionally());
        assertTrue(b.isCompletedExceptionally());
        assertEquals(2, hub.malformed());
        assertEquals(0, hub.open());
    }

    @Test
    void cancelledByTheGate_isNoLongerOpen_andItsLateAnswerIsDropped() {
        CompletableFuture<AuthorisationResponse> pending = hub.authorise(request("04A1B2C3"));
        pending.cancel(false);
        assertEquals(0, hub.open());
        hub.onResponse(answer(sent.get(0), allow("04A1B2C3")));
        assertEquals(1, hub.unmatched());
    }

    @Test
    void sendFails_failsTheRequestAtOnce() {
        MqttHubAuthoriser broken = new MqttHubAuthoriser(() -> true, (r, c) -> {
            throw new MqttException(32104);
        });
        CompletableFuture<AuthorisationResponse> f = broken.authorise(request("04A1B2C3"));
        assertTrue(f.isCompletedExceptionally());
        assertEquals(0, broken.open());
    }
}
