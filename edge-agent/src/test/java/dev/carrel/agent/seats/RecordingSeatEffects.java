package dev.carrel.agent.seats;

import dev.carrel.protocol.EventBody;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A fake of the seat's world: remembers power, attention, warnings and events. */
final class RecordingSeatEffects implements SeatEffects {
    final Map<String, Boolean> power = new HashMap<>();
    final Map<String, Boolean> attention = new HashMap<>();
    final List<String> warned = new ArrayList<>();
    final List<EventBody> events = new ArrayList<>();

    @Override
    public void power(SeatBinding seat, boolean on) {
        power.put(seat.seatId(), on);
    }

    @Override
    public void warn(SeatBinding seat) {
        warned.add(seat.seatId());
    }

    @Override
    public void attention(SeatBinding seat, boolean on) {
        attention.put(seat.seatId(), on);
    }

    @Override
    public void publish(EventBody event) {
        events.add(event);
    }

    <T extends EventBody> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
