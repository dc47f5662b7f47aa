package dev.carrel.hub.live;

import dev.carrel.hub.live.Readings.Lamp;
import dev.carrel.hub.live.Readings.Outlet;
import dev.carrel.hub.live.Readings.Presence;
import dev.carrel.hub.live.Readings.SeatView;
import dev.carrel.hub.live.Readings.Source;
import dev.carrel.hub.live.Readings.ZoneView;
import dev.carrel.hub.spaces.EndpointRef;
import dev.carrel.hub.spaces.SpaceModel;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.SeatState;
import dev.carrel.protocol.TwinReported;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reported state of every seat, lamp, outlet and presence sensor, projected from agents' events and
 * reported twins, and each change published to the {@link ChangeFeed}. A reading replaces another only if it
 * is not older (events can arrive late from an agent's outbox). A {@code seat_state_changed} event from agent
 * A for seat S applies to the model's seat S if one of S's endpoints is on A.
 */
public final class LiveState {
    private final ChangeFeed feed;
    private final Map<EndpointRef, Lamp> lamps = new ConcurrentHashMap<>();
    private final Map<EndpointRef, Outlet> outlets = new ConcurrentHashMap<>();
    private final Map<EndpointRef, Presence> presence = new ConcurrentHashMap<>();
    private final Map<String, Readings.Seat> seats = new ConcurrentHashMap<>();
    private volatile Index index;

    public LiveState(ChangeFeed feed, SpaceModel model) {
        this.feed = feed;
        this.index = new Index(model);
    }

    /** What a change on the stream carries besides the reading: where in the library it is. */
    public record Changed(Optional<String> zone, Optional<String> seat, Object reading) {}

    /** Lookups from the model, rebuilt whenever the model changes. */
    private record Index(
            SpaceModel model,
            Map<EndpointRef, String> zoneOf,
            Map<EndpointRef, String> seatOf,
            Map<String, String> agentSeat) {
        Index(SpaceModel model) {
            this(model, new HashMap<>(), new HashMap<>(), new HashMap<>());
            for (var s : model.seats()) {
                for (EndpointRef r : s.endpoints()) {
                    zoneOf.put(r, s.zoneId());
                    seatOf.put(r, s.id());
                    agentSeat.put(r.agent().value() + "/" + s.id(), s.id());
                }
            }
            for (var z : model.zones()) {
                var f = z.fixtures();
                for (List<EndpointRef> refs : List.of(f.lamps(), f.outlets(), f.sensors(), f.readers())) {
                    refs.forEach(r -> zoneOf.put(r, z.id()));
                }
            }
        }
    }

    public void modelChanged(SpaceModel model) {
        index = new Index(model);
    }

    public void event(AgentId agent, EventBody body, Instant at) {
        switch (body) {
            case EventBody.LampState l ->
                lamp(new Lamp(ref(agent, l.endpointId()), l.on(), l.brightness(), at, Source.EVENT));
            case EventBody.OutletState o ->
                outlet(new Outlet(ref(agent, o.endpointId()), o.on(), o.powerW(), o.energyWh(), at, Source.EVENT));
            case EventBody.PresenceChanged p -> {
                EndpointRef r = ref(agent, p.sensorId());
                if (newer(presence.get(r), at)) {
                    Presence reading = new Presence(r, p.present(), at);
                    presence.put(r, reading);
                    publish("presence", r, reading);
                }
            }
            case EventBody.SeatStateChanged s -> seat(agent, s, at);
            default -> {
                // other events do not change live state
            }
        }
    }

    /**
     * Takes lamps and outlets from a reported twin: {@code {"lamps": {"<endpoint>": {"on": true,
     * "brightness": 70}}, "outlets": {"<endpoint>": {"on": false}}}}.
     */
    public void reported(AgentId agent, TwinReported reported) {
        section(reported.state(), "lamps").forEach((id, v) -> {
            Map<?, ?> m = (Map<?, ?>) v;
            if (m.get("on") instanceof Boolean on) {
                int brightness = m.get("brightness") instanceof Number n ? n.intValue() : (on ? 100 : 0);
                lamp(new Lamp(ref(agent, id), on, brightness, reported.ts(), Source.TWIN));
            }
        });
        section(reported.state(), "outlets").forEach((id, v) -> {
            if (((Map<?, ?>) v).get("on") instanceof Boolean on) {
                // The twin says only on or off: the meter's total stands, and so does the power while the
                // outlet stays as it was.
                EndpointRef r = ref(agent, id);
                Outlet before = outlets.get(r);
                Optional<Double> power = before != null && before.on() == on ? before.powerW() : Optional.empty();
                Optional<Double> energy = before != null ? before.energyWh() : Optional.empty();
                outlet(new Outlet(r, on, power, energy, reported.ts(), Source.TWIN));
            }
        });
        if (reported.state().get("seats") instanceof Map<?, ?> seats) {
            seats.forEach((id, state) ->
                    seatState(state).ifPresent(st -> seat(agent, String.valueOf(id), st, reported.ts())));
        }
    }

    /** A seat's state as the reported twin writes it ({@code "free"}); empty for anything else. */
    private static Optional<SeatState> seatState(Object wire) {
        if (wire instanceof String s) {
            for (SeatState st : SeatState.values()) {
                if (st.name().equalsIgnoreCase(s)) {
                    return Optional.of(st);
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> section(Map<String, Object> state, String name) {
        Map<String, Object> out = new HashMap<>();
        if (state.get(name) instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (v instanceof Map<?, ?> && k instanceof String key && EndpointRef.valid(key)) {
                    out.put(key, v);
                }
            });
        }
        return out;
    }

    private void lamp(Lamp reading) {
        if (newer(lamps.get(reading.endpoint()), reading.at())) {
            lamps.put(reading.endpoint(), reading);
            publish("lamp", reading.endpoint(), reading);
        }
    }

    private void outlet(Outlet reading) {
        if (newer(outlets.get(reading.endpoint()), reading.at())) {
            outlets.put(reading.endpoint(), reading);
            publish("outlet", reading.endpoint(), reading);
        }
    }

    private void seat(AgentId agent, EventBody.SeatStateChanged s, Instant at) {
        seat(agent, s.seatId(), s.state(), at);
    }

    private void seat(AgentId agent, String agentSeat, SeatState state, Instant at) {
        Index i = index;
        String seatId = i.agentSeat().get(agent.value() + "/" + agentSeat);
        if (seatId == null) {
            return; // a seat the model does not know: nothing to show it on
        }
        Readings.Seat before = seats.get(seatId);
        if (before == null || !before.at().isAfter(at)) {
            Readings.Seat reading = new Readings.Seat(seatId, state, at);
            seats.put(seatId, reading);
            String zone = i.model().seat(seatId).map(SpaceModel.Seat::zoneId).orElse("");
            feed.publish("seat", zone, new Changed(Optional.of(zone), Optional.of(seatId), reading));
        }
    }

    private void publish(String name, EndpointRef ref, Object reading) {
        Index i = index;
        String zone = i.zoneOf().getOrDefault(ref, "");
        feed.publish(
                name,
                zone,
                new Changed(
                        zone.isEmpty() ? Optional.empty() : Optional.of(zone),
                        Optional.ofNullable(i.seatOf().get(ref)),
                        reading));
    }

    private static boolean newer(Object before, Instant at) {
        Instant old =
                switch (before) {
                    case null -> null;
                    case Lamp l -> l.at();
                    case Outlet o -> o.at();
                    case Presence p -> p.at();
                    default -> null;
                };
        return old == null || !old.isAfter(at);
    }

    private static EndpointRef ref(AgentId agent, String endpoint) {
        return new EndpointRef(agent, endpoint);
    }

    /** The zone's seats and fixtures as reported; empty if the model has no such zone. */
    public Optional<ZoneView> zone(String id) {
        SpaceModel model = index.model();
        return model.zone(id).map(z -> {
            List<EndpointRef> unreported = new ArrayList<>();
            List<SeatView> views = new ArrayList<>();
            for (var s : model.seatsIn(id)) {
                var st = Optional.ofNullable(seats.get(s.id()));
                views.add(new SeatView(
                        s.id(),
                        st.map(Readings.Seat::state),
                        st.map(Readings.Seat::at),
                        s.sensor().map(presence::get),
                        s.lamp().map(lamps::get),
                        s.outlet().map(outlets::get)));
                java.util.stream.Stream.of(s.lamp(), s.outlet(), s.sensor())
                        .flatMap(Optional::stream)
                        .filter(this::silent)
                        .forEach(unreported::add);
            }
            var f = z.fixtures();
            List.of(f.lamps(), f.outlets(), f.sensors())
                    .forEach(l -> l.stream().filter(this::silent).forEach(unreported::add));
            return new ZoneView(
                    id,
                    z.kind().name().toLowerCase(Locale.ROOT),
                    views,
                    f.lamps().stream().map(lamps::get).filter(x -> x != null).toList(),
                    f.outlets().stream()
                            .map(outlets::get)
                            .filter(x -> x != null)
                            .toList(),
                    f.sensors().stream()
                            .map(presence::get)
                            .filter(x -> x != null)
                            .toList(),
                    unreported);
        });
    }

    private boolean silent(EndpointRef r) {
        return !lamps.containsKey(r) && !outlets.containsKey(r) && !presence.containsKey(r);
    }
}
