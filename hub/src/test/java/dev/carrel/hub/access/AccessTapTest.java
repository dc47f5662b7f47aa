package dev.carrel.hub.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Endpoint;
import dev.carrel.protocol.Status;
import dev.carrel.protocol.Topic;
import dev.carrel.protocol.TwinReported;
import dev.carrel.protocol.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the access tap reads from births, deaths and reported twins. */
class AccessTapTest {
    private static final AgentId GATE = AgentId.of("gate-north");
    private static final AgentId DESK = AgentId.of("desk-agent");
    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

    private final WireCodec codec = new WireCodec();
    private final GateAgents gates = new GateAgents();
    private final List<AgentId> born = new ArrayList<>();
    private final List<AccessTap.Report> reports = new ArrayList<>();
    private final AccessTap tap = new AccessTap(gates, new AccessTap.Sinks(born::add, reports::add));

    @Test
    void reportedTwin_ofAGate_handsOverItsVersionAndGap() {
        birth(GATE, List.of(new Endpoint("gate-relay", Endpoint.Kind.GATE)));

        twin(GATE, Map.of("allowlistVersion", 7, "allowlistGap", true));
        twin(GATE, Map.of("allowlistVersion", 8, "allowlistGap", false));
        twin(GATE, Map.of("allowlistVersion", 9));

        assertEquals(List.of(GATE), born);
        assertEquals(
                List.of(
                        new AccessTap.Report(GATE, 7, true),
                        new AccessTap.Report(GATE, 8, false),
                        new AccessTap.Report(GATE, 9, false)),
                reports);
    }

    @Test
    void reportedTwin_withoutAVersion_orOfANonGate_orMalformed_handsOverNothing() {
        birth(GATE, List.of(new Endpoint("gate-relay", Endpoint.Kind.GATE)));
        birth(DESK, List.of(new Endpoint("desk-01-lamp", Endpoint.Kind.LAMP)));

        twin(GATE, Map.of("lamps", Map.of()));
        twin(GATE, Map.of("allowlistVersion", -1));
        twin(DESK, Map.of("allowlistVersion", 3, "allowlistGap", true));
        tap.seen(Topic.twinReported(GATE).toString(), "{".getBytes(StandardCharsets.UTF_8));
        tap.seen("not/a/carrel/topic", new byte[0]);

        assertEquals(List.of(GATE), born, "the desk agent is no gate");
        assertEquals(List.of(), reports);
    }

    @Test
    void death_takesTheGateOffline_aRebirthBringsItBack() {
        birth(GATE, List.of(new Endpoint("gate-relay", Endpoint.Kind.GATE)));
        tap.seen(Topic.status(GATE).toString(), codec.encode(new Status.Death(1)));
        assertEquals(Set.of(), gates.online());

        birth(GATE, List.of(new Endpoint("gate-relay", Endpoint.Kind.GATE)));
        assertEquals(Set.of(GATE), gates.online());
        assertEquals(List.of(GATE, GATE), born);
    }

    private void birth(AgentId agent, List<Endpoint> endpoints) {
        tap.seen(Topic.status(agent).toString(), codec.encode(new Status.Birth(1, "test", endpoints, NOW)));
    }

    private void twin(AgentId agent, Map<String, Object> state) {
        tap.seen(Topic.twinReported(agent).toString(), codec.encode(new TwinReported(0, state, NOW)));
    }
}
