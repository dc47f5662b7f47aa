package dev.carrel.hub.engagement;

import dev.carrel.hub.ingest.ForwardingObserver;
import dev.carrel.hub.ingest.IngestObserver;
import dev.carrel.hub.spaces.EndpointRef;
import dev.carrel.hub.spaces.SpaceModel;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Event;
import dev.carrel.protocol.EventBody;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Stores kiosk feedback as ingest writes it, on the writer's connection and in its transaction (so the score
 * commits with its event or not at all), and passes every message on. Runs on the writer thread.
 */
final class EngagementObserver extends ForwardingObserver {
    private final FeedbackLog log;
    private final Supplier<SpaceModel> model;
    private final EventCheckIns checkIns;

    EngagementObserver(IngestObserver next, FeedbackLog log, Supplier<SpaceModel> model, EventCheckIns checkIns) {
        super(next);
        this.log = log;
        this.model = model;
        this.checkIns = checkIns;
    }

    @Override
    public void event(Connection writer, AgentId agent, Event event, Instant now) throws SQLException {
        if (event.body() instanceof EventBody.Feedback f) {
            FeedbackLog.Who who = log.who(writer, f.patron());
            log.append(writer, agent, event, f, zoneOf(model.get(), agent), who);
            if (f.patron().isPresent()) {
                log.forgetPatron(writer, event);
            }
        }
        if (event.body() instanceof EventBody.EventCheckIn in) {
            checkIns.checkIn(writer, in, zoneOf(model.get(), agent));
        }
        next.event(writer, agent, event, now);
    }

    /**
     * The zone whose seats and fixtures use most of this agent's endpoints (a reading room's agent drives its
     * desks, a room door's its room); {@code ""} for an agent in no zone, such as a gate.
     */
    static String zoneOf(SpaceModel model, AgentId agent) {
        Map<String, Integer> uses = new HashMap<>();
        for (SpaceModel.Seat seat : model.seats()) {
            seat.endpoints().stream()
                    .filter(e -> e.agent().equals(agent))
                    .forEach(e -> uses.merge(seat.zoneId(), 1, Integer::sum));
        }
        for (SpaceModel.Zone zone : model.zones()) {
            SpaceModel.Fixtures f = zone.fixtures();
            Stream.of(f.lamps(), f.outlets(), f.sensors(), f.readers())
                    .flatMap(List::stream)
                    .map(EndpointRef::agent)
                    .filter(agent::equals)
                    .forEach(a -> uses.merge(zone.id(), 1, Integer::sum));
        }
        return uses.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .orElse("");
    }
}
