package dev.carrel.hub.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.hub.patrons.PatronStatus;
import dev.carrel.hub.twins.AgentPublisher;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.AllowlistDelta;
import dev.carrel.protocol.Endpoint;
import dev.carrel.protocol.Message;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The allow-list distribution rules (docs/patrons.md, "Allow-list distribution") on the real ledger. */
class AllowlistDistributorTest {
    static final AgentId NORTH = AgentId.of("gate-north");
    static final AgentId SOUTH = AgentId.of("gate-south");
    static final List<Endpoint> GATE = List.of(new Endpoint("gate-relay", Endpoint.Kind.GATE));

    /** What the distributor sent, to whom. */
    record Sent(AgentId gate, AllowlistDelta delta) {
        String shape() {
            return (delta.snapshot() ? "snapshot " : "delta ") + delta.fromVersion() + "->" + delta.toVersion();
        }
    }

    /** The hub's MQTT client as the distributor sees it: records what it publishes. */
    static final class RecordingPublisher implements AgentPublisher {
        final List<Sent> sent = new CopyOnWriteArrayList<>();

        @Override
        public void publish(AgentId agent, Message message, boolean retained, Optional<Duration> expiry) {
            sent.add(new Sent(agent, (AllowlistDelta) message));
        }

        List<String> shapes(AgentId gate) {
            return sent.stream()
                    .filter(s -> s.gate().equals(gate))
                    .map(Sent::shape)
                    .toList();
        }
    }

    @TempDir
    Path dir;

    private PatronsOnDisk registry;
    private final GateAgents gates = new GateAgents();
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final Map<AgentId, Long> storedReports = new HashMap<>();
    private AllowlistDistributor distributor;

    @BeforeEach
    void open() throws Exception {
        registry = new PatronsOnDisk(dir, Clock.systemUTC());
        distributor = new AllowlistDistributor(
                registry.ledger, gates, publisher, gate -> Optional.ofNullable(storedReports.get(gate)));
        registry.add("a1", "Ann Lee", PatronStatus.ACTIVE, Optional.empty(), "04A1B2C3");
        registry.add("b2", "Bo Chen", PatronStatus.ACTIVE, Optional.empty(), "04000002");
        assertEquals(2, registry.ledger.version());
    }

    @AfterEach
    void close() throws Exception {
        registry.close();
    }

    @Test
    void reported_withGap_sendsASnapshot_andALaterReportInStep_sendsNothing() throws Exception {
        bornReporting(NORTH, 1);

        distributor.reported(NORTH, 1, true);
        distributor.reported(NORTH, 2, false);
        distributor.reported(NORTH, 2, false);

        assertEquals(List.of("snapshot 0->2"), publisher.shapes(NORTH));
        AllowlistDelta snapshot = publisher.sent.getFirst().delta();
        assertEquals(2, snapshot.upserts().size());
        assertEquals(Optional.of(2L), distributor.sent(NORTH));
    }

    @Test
    void reported_behind_getsTheDeltaFromItsVersion_current_getsNothing() throws Exception {
        bornReporting(NORTH, 1);
        registry.patrons.suspend("a1");

        distributor.reported(NORTH, 1, false);
        distributor.reported(NORTH, 3, false);

        assertEquals(List.of("delta 1->3"), publisher.shapes(NORTH));
        AllowlistDelta delta = publisher.sent.getFirst().delta();
        assertEquals(List.of(registry.card("04A1B2C3")), delta.removals(), "the suspended card is revoked");
        assertEquals(
                List.of(registry.card("04000002")),
                delta.upserts().stream().map(AllowlistDelta.Entry::credential).toList(),
                "b2, added after version 1");
    }

    @Test
    void reported_versionZero_getsASnapshot_aboveTheHubsVersion_getsNothing() throws Exception {
        bornReporting(NORTH, 0);
        bornReporting(SOUTH, 9);

        distributor.reported(NORTH, 0, false);
        distributor.reported(SOUTH, 9, false);

        assertEquals(List.of("snapshot 0->2"), publisher.shapes(NORTH));
        assertEquals(List.of(), publisher.shapes(SOUTH), "a lower snapshot would be ignored as a redelivery");
    }

    @Test
    void born_neverReported_getsASnapshotAtEveryBirth_reportingGate_waitsForItsReport() throws Exception {
        gates.born(NORTH, GATE);
        distributor.born(NORTH);
        distributor.born(NORTH);
        bornReporting(SOUTH, 2);

        assertEquals(List.of("snapshot 0->2", "snapshot 0->2"), publisher.shapes(NORTH));
        assertEquals(List.of(), publisher.shapes(SOUTH));
    }

    @Test
    void changed_sendsEachOnlineGateTheDeltaFromWhatItWasLastSent_offlineGatesNothing() throws Exception {
        bornReporting(NORTH, 2);
        distributor.reported(NORTH, 2, false);
        bornReporting(SOUTH, 2);
        distributor.reported(SOUTH, 2, false);
        gates.died(SOUTH);

        registry.add("c3", "Cy Park", PatronStatus.ACTIVE, Optional.empty(), "04000003");
        distributor.changed();

        assertEquals(List.of("delta 2->3"), publisher.shapes(NORTH));
        assertEquals(List.of(), publisher.shapes(SOUTH));
        assertTrue(publisher.sent.getFirst().delta().removals().isEmpty());
    }

    /** A gate that reports its version: its stored reported twin carries one. */
    private void bornReporting(AgentId gate, long version) throws Exception {
        gates.born(gate, GATE);
        storedReports.put(gate, version);
        distributor.born(gate);
    }
}
