package dev.carrel.hub.live;

import dev.carrel.hub.spaces.EndpointRef;
import dev.carrel.protocol.SeatState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What agents reported, as the live API and stream show it; {@code at} is the agent's own timestamp. */
public final class Readings {
    private Readings() {}

    /** Where a reading came from: an event ({@code lamp_state} …) or the agent's reported twin. */
    public enum Source {
        EVENT,
        TWIN
    }

    public record Lamp(EndpointRef endpoint, boolean on, int brightness, Instant at, Source source) {}

    /**
     * An outlet; a metering plug adds its power now and its meter's running total ({@code energyWh}, which
     * starts again from zero when the plug resets).
     */
    public record Outlet(
            EndpointRef endpoint,
            boolean on,
            Optional<Double> powerW,
            Optional<Double> energyWh,
            Instant at,
            Source source) {}

    public record Presence(EndpointRef endpoint, boolean present, Instant at) {}

    public record Seat(String seat, SeatState state, Instant at) {}

    /** One seat with everything reported about it; an absent reading means nothing reported yet. */
    public record SeatView(
            String id,
            Optional<SeatState> state,
            Optional<Instant> stateAt,
            Optional<Presence> presence,
            Optional<Lamp> lamp,
            Optional<Outlet> outlet) {}

    /** {@code GET /api/spaces/zones/{id}/state}: the zone's seats and fixtures as reported. */
    public record ZoneView(
            String zone,
            String kind,
            List<SeatView> seats,
            List<Lamp> lamps,
            List<Outlet> outlets,
            List<Presence> sensors,
            List<EndpointRef> unreported) {}
}
