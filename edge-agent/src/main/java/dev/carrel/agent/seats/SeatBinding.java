package dev.carrel.agent.seats;

import java.util.Optional;

/** Which of the agent's endpoints belong to a seat (DESIGN §2): its lamp, outlet, presence sensor, reader. */
public record SeatBinding(
        String seatId,
        Optional<String> lamp,
        Optional<String> outlet,
        Optional<String> presence,
        Optional<String> reader) {

    public boolean hasSensor() {
        return presence.isPresent();
    }
}
