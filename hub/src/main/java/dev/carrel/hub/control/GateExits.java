package dev.carrel.hub.control;

import dev.carrel.hub.spaces.EndpointRef;
import dev.carrel.hub.spaces.SpaceModel;
import dev.carrel.hub.spaces.Spaces;
import dev.carrel.hub.twins.AgentPublisher;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Command;
import dev.carrel.protocol.CommandBody;
import dev.carrel.protocol.Event;
import dev.carrel.protocol.EventBody.GatePassage;
import dev.carrel.protocol.EventIds;
import dev.carrel.protocol.InvalidFieldException;
import dev.carrel.protocol.PayloadException;
import dev.carrel.protocol.Topic;
import dev.carrel.protocol.WireCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Leaving through the gate releases the patron's seat (DESIGN §5). The gate and the seat are on different
 * agents, so the hub relays it: a {@code gate_passage} out with a credential becomes a
 * {@code seat/release_patron} command to every agent that drives seats in the gate's building (every
 * seat-driving agent when the gate is not in the space model). Agents where the patron holds no seat do
 * nothing. The command expires after a minute: a late relay must not release a seat taken again since.
 */
final class GateExits {
    private static final Logger LOG = Logger.getLogger(GateExits.class.getName());
    private static final Duration TTL = Duration.ofMinutes(1);

    private final WireCodec codec = new WireCodec();
    private final Spaces spaces;
    private final AgentPublisher publisher;
    private final EventIds ids;
    private final Clock clock;

    GateExits(Spaces spaces, AgentPublisher publisher, EventIds ids, Clock clock) {
        this.spaces = spaces;
        this.publisher = publisher;
        this.ids = ids;
        this.clock = clock;
    }

    /** A tap on the hub's MQTT client: sees each message before ingest stores it. */
    void seen(String topicName, byte[] payload) {
        Topic topic;
        try {
            topic = Topic.parse(topicName);
        } catch (InvalidFieldException e) {
            return;
        }
        if (topic.kind() != Topic.Kind.EVENT || !topic.name().orElse("").equals("gate_passage")) {
            return;
        }
        try {
            Event event = codec.decode(topic, payload, Event.class);
            if (event.body() instanceof GatePassage out
                    && out.direction() == GatePassage.Direction.OUT
                    && out.credential().isPresent()) {
                relay(topic.agent(), out);
            }
        } catch (PayloadException e) {
            // ingest dead-letters it with the reason
        }
    }

    private void relay(AgentId gateAgent, GatePassage out) {
        SpaceModel model = spaces.current();
        Command release = new Command(
                ids.next(),
                clock.instant().plus(TTL),
                new CommandBody.SeatAction(
                        CommandBody.SeatAction.Action.RELEASE_PATRON,
                        Optional.empty(),
                        out.credential().get(),
                        Optional.empty()));
        List<AgentId> targets = seatAgents(model, gateAgent);
        targets.forEach(agent -> publisher.publish(agent, release, false, Optional.of(TTL)));
        LOG.fine(() -> "gate exit at " + gateAgent + " relayed to " + targets);
    }

    /** The agents driving seats in the building of the gate agent, or all seat agents if it is unknown. */
    static List<AgentId> seatAgents(SpaceModel model, AgentId gateAgent) {
        Optional<String> building = model.gates().stream()
                .filter(g -> g.gate()
                                .map(EndpointRef::agent)
                                .filter(gateAgent::equals)
                                .isPresent()
                        || g.readers().stream().anyMatch(r -> r.agent().equals(gateAgent)))
                .map(SpaceModel.Gate::buildingId)
                .findFirst();
        return model.seats().stream()
                .filter(s -> building.isEmpty()
                        || model.zone(s.zoneId())
                                .flatMap(model::buildingOf)
                                .map(b -> b.id().equals(building.get()))
                                .orElse(false))
                .flatMap(s -> s.endpoints().stream())
                .map(EndpointRef::agent)
                .distinct()
                .sorted()
                .toList();
    }
}
