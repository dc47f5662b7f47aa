package dev.carrel.agent.seats;

import java.util.Optional;

/**
 * Which of the agent's endpoints belong to a seat (DESIGN §2): its lamp, outlet, presence sensor, desk
 * reader, and the reader's indicator that asks someone sitting there to check in.
 */
public record SeatBinding(
        String seatId,
        Optional<String> lamp,
        Optional<String> outlet,
        Optional<String> presence,
        Optional<String> reader,
        Optional<String> indicator) {

    public SeatBinding {
        lamp = java.util.Objects.requireNonNullElse(lamp, Optional.empty());
        outlet = java.util.Objects.requireNonNullElse(outlet, Optional.empty());
        presence = java.util.Objects.requireNonNullElse(presence, Optional.empty());
        reader = java.util.Objects.requireNonNullElse(reader, Optional.empty());
        indicator = java.util.Objects.requireNonNullElse(indicator, Optional.empty());
    }

    /** The endpoints bound to this seat, for validation. */
    public java.util.List<String> endpoints() {
        return java.util.stream.Stream.of(lamp, outlet, presence, reader, indicator)
                .flatMap(Optional::stream)
                .toList();
    }

    public boolean hasSensor() {
        return presence.isPresent();
    }
}
