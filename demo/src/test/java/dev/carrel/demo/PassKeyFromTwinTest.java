package dev.carrel.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.carrel.drivers.CredentialKind;
import dev.carrel.protocol.EventBody.GateDecision.Decision;
import dev.carrel.protocol.EventBody.GateDecision.Reason;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The gate learns the hub's mobile-pass key from its desired twin ({@code access.passKeys}), not from its
 * configuration (which lists none here): a pass signed with it is accepted with the hub down, and after an
 * agent restart without the hub; a twin without the key makes such passes refused.
 */
class PassKeyFromTwinTest extends HubAndGate {

    @Test
    void keyOnlyFromTheTwin_acceptedOffline_keptAcrossARestart_refusedOnceTheTwinDropsIt() throws Exception {
        hub = GateAgentRig.hub(dir, Map.of());
        new HubApi(hub).importPatrons("id,name,group,card_uid,pin\n2023004217,Zhang San,undergraduate,04A1B2C3,4711\n");
        gate = GateAgentRig.gate(dir, Optional.of(hub));
        String key = hub.access().orElseThrow().extras().passKeys().publicKeyText();
        GateAgentRig.awaitTwin(hub, d -> d.containsKey("access"), "the gate applies the hub's access section");

        List<String> passes = GateAgentRig.passes(hub.httpPort(), "2023004217", "4711", 3);
        hub.facilities().twins().change(GateAgentRig.GATE, state -> without(state, "access"));
        GateAgentRig.awaitTwin(hub, d -> !d.containsKey("access"), "the gate applies a twin without the key");
        assertEquals(
                Reason.PASS_INVALID,
                GateAgentRig.tap(gate, CredentialKind.QR, passes.get(0)).reason(),
                "the key is withdrawn");

        hub.facilities()
                .twins()
                .change(
                        GateAgentRig.GATE,
                        state -> with(state, Map.of("passKeys", List.of(key), "site", "main-library")));
        GateAgentRig.awaitTwin(hub, d -> d.containsKey("access"), "the gate applies the key again");
        stopHub();
        var offline = GateAgentRig.tap(gate, CredentialKind.QR, passes.get(1));
        assertEquals(Reason.PASS_VALID, offline.reason());
        assertEquals(Decision.ALLOW, offline.decision());

        gate.close();
        gate = GateAgentRig.gate(dir, Optional.empty());
        assertEquals(
                Reason.PASS_VALID,
                GateAgentRig.tap(gate, CredentialKind.QR, passes.get(2)).reason(),
                "restored from the saved twin without the hub");
    }

    private static Map<String, Object> without(Map<String, Object> state, String section) {
        Map<String, Object> next = new LinkedHashMap<>(state);
        next.remove(section);
        return next;
    }

    private static Map<String, Object> with(Map<String, Object> state, Object access) {
        Map<String, Object> next = new LinkedHashMap<>(state);
        next.put("access", access);
        return next;
    }
}
