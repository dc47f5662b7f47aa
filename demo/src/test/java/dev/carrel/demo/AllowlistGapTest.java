package dev.carrel.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.agent.EdgeAgent;
import dev.carrel.agent.gate.Verdict;
import dev.carrel.drivers.CredentialKind;
import dev.carrel.hub.Hub;
import dev.carrel.hub.broker.BrokerUsers;
import dev.carrel.hub.broker.FirstSubscribe;
import dev.carrel.hub.twins.Twins;
import dev.carrel.protocol.AllowlistDelta;
import dev.carrel.protocol.EventBody.GateDecision.Reason;
import dev.carrel.protocol.EventBody.GateDecision.Source;
import dev.carrel.protocol.Topic;
import dev.carrel.protocol.WireCodec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The missed-versions path of allow-list distribution (docs/patrons.md, "Allow-list distribution") between the
 * real hub and a real gate agent: a gate that gets a delta it cannot build on reports the gap in its twin, the
 * hub answers with a snapshot, the gate's list is current, and the gate stops reporting the gap, so later twin
 * reports earn no more snapshots.
 */
class AllowlistGapTest {
    private static final String CSV = """
            id,name,group,card_uid
            2023004217,Zhang San,undergraduate,04A1B2C3
            2023004218,Ada Lovelace,faculty,04A1B2C5
            """;

    @TempDir
    Path dir;

    private final WireCodec codec = new WireCodec();
    private final List<AllowlistDelta> seen = new CopyOnWriteArrayList<>();
    private Hub hub;
    private EdgeAgent gate;
    private MqttClient observer;

    @AfterEach
    void stop() throws Exception {
        if (observer != null) {
            observer.disconnect();
            observer.close(true);
        }
        if (gate != null) {
            gate.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void gateThatMissedVersions_getsASnapshot_isCurrent_andLaterReportsGetNoMoreSnapshots() throws Exception {
        hub = GateAgentRig.hub(dir, Map.of());
        HubApi api = new HubApi(hub);
        api.importPatrons(CSV);
        gate = GateAgentRig.gate(dir, Optional.of(hub));
        // Zhang allowed from the gate's own list: the snapshot at its first connect (version 2) has landed.
        GateAgentRig.awaitReason(gate, CredentialKind.CARD_UID, "04A1B2C3", Reason.ALLOW_LISTED);
        gate.close();
        PatronGateTest.await(
                () -> !hub.access().orElseThrow().gates().online().contains(GateAgentRig.GATE),
                "the hub sees the gate go");
        assertEquals(
                200, api.send("POST", "/api/patrons/2023004218/suspend", "", "").statusCode()); // version 3
        api.importPatrons("id,name,group,card_uid\n2023004219,Cy Park,visitor,04000009\n"); // version 4
        observe();
        // The gate's broker session keeps QoS 1 messages while it is away. This one stands in for a delta whose
        // predecessor (2 -> 3) was lost: the gate holds 2, so it must refuse it. Its content never applies.
        observer.publish(
                Topic.credentials(GateAgentRig.GATE).toString(),
                new MqttMessage(codec.encode(new AllowlistDelta(3, 4, false, List.of(), List.of())), 1, false, null));

        gate = GateAgentRig.gate(dir, Optional.of(hub));

        awaitReported(
                r -> r.get("allowlistVersion") instanceof Number n
                        && n.longValue() == 4
                        && Boolean.FALSE.equals(r.get("allowlistGap")),
                "the gate reports version 4 and no gap");
        assertTrue(snapshots() >= 1, "the gap report earned a snapshot: " + shapes());
        Verdict ada = GateAgentRig.tap(gate, CredentialKind.CARD_UID, "04A1B2C5");
        assertEquals(Reason.SUSPENDED, ada.reason());
        assertEquals(Source.LOCAL, ada.source());
        Verdict cy = GateAgentRig.tap(gate, CredentialKind.CARD_UID, "04000009");
        assertEquals(Reason.ALLOW_LISTED, cy.reason(), "the new card is on the gate's own list");

        long snapshots = snapshots();
        int before = seen.size();
        java.time.Instant lastReport = twin().reportedAt().orElseThrow();
        assertEquals(
                202,
                api.send("POST", "/api/agents/gate-1/commands", "application/json", "{\"command\":\"sync\"}")
                        .statusCode());
        PatronGateTest.await(() -> twin().reportedAt().orElseThrow().isAfter(lastReport), "a later twin report");
        // The hub handles reports and changes in order on one thread: the delta for this change comes after
        // whatever the report earned.
        assertEquals(
                200, api.send("POST", "/api/patrons/2023004217/suspend", "", "").statusCode()); // version 5
        PatronGateTest.await(() -> seen.stream().anyMatch(d -> d.toVersion() == 5), "the delta to version 5");

        assertEquals(List.of("delta 4->5"), shapes().subList(before, seen.size()), "no snapshot for the report");
        assertEquals(snapshots, snapshots());
        // ... and the gate applies it on top of version 4.
        assertEquals(
                Source.LOCAL,
                GateAgentRig.awaitReason(gate, CredentialKind.CARD_UID, "04A1B2C3", Reason.SUSPENDED)
                        .source());
    }

    /** Listens, as the hub would, to what the hub sends the gate on its credentials topic. */
    private void observe() throws Exception {
        String secret = hub.brokerUsers().issue("gap-observer", BrokerUsers.Role.HUB);
        observer = new MqttClient(hub.brokerUri(), "gap-observer", new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName("gap-observer");
        o.setPassword(secret.getBytes(UTF_8));
        FirstSubscribe.withRetry("gap-observer", () -> {
            if (!observer.isConnected()) {
                observer.connect(o);
            }
            observer.subscribe(
                    new MqttSubscription[] {
                        new MqttSubscription(
                                Topic.credentials(GateAgentRig.GATE).toString(), 1)
                    },
                    new IMqttMessageListener[] {
                        (topic, message) ->
                                seen.add(codec.decode(Topic.parse(topic), message.getPayload(), AllowlistDelta.class))
                    });
        });
    }

    private long snapshots() {
        return seen.stream().filter(AllowlistDelta::snapshot).count();
    }

    private List<String> shapes() {
        return seen.stream()
                .map(d -> (d.snapshot() ? "snapshot " : "delta ") + d.fromVersion() + "->" + d.toVersion())
                .toList();
    }

    private Twins.View twin() {
        try {
            return hub.facilities().twins().view(GateAgentRig.GATE);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private void awaitReported(Predicate<Map<String, Object>> condition, String what) throws Exception {
        PatronGateTest.await(() -> twin().reported().filter(condition).isPresent(), what);
    }
}
