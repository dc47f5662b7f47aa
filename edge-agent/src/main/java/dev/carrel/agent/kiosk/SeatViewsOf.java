package dev.carrel.agent.kiosk;

import dev.carrel.agent.seats.SeatSessions;
import java.util.List;
import java.util.Locale;

/** The seats as a kiosk may show them: id and state, never who holds them. */
public final class SeatViewsOf {
    private SeatViewsOf() {}

    public static List<KioskEvent.SeatView> seats(SeatSessions seats) {
        return seats.seats().stream()
                .map(s -> new KioskEvent.SeatView(s.id(), s.state().name().toLowerCase(Locale.ROOT)))
                .toList();
    }
}
