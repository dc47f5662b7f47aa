package dev.carrel.agent.seats;

import java.util.List;

/** Where seat sessions survive restarts and power loss. */
public interface SeatStore extends AutoCloseable {

    List<Seat> load();

    /** Writes the seat durably before returning. */
    void save(Seat seat);

    @Override
    void close();
}
