package dev.carrel.agent.kiosk;

import dev.carrel.agent.control.ClosingSchedule;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What {@code GET /api/kiosk} tells the page: who the kiosk is ({@link KioskProfile}), today's opening hours
 * worked out by {@link ClosingSchedule} from the desired twin (the same rules the agent closes by, so the
 * screen and the lamps agree), and what the hub sent in the twin's {@code kiosk} section.
 */
final class KioskInfo {
    private final String agentId;
    private final KioskProfile profile;
    private final KioskTwin twin;
    private final Supplier<ClosingSchedule> schedule;
    private final Clock clock;

    KioskInfo(String agentId, KioskProfile profile, KioskTwin twin, Supplier<ClosingSchedule> schedule, Clock clock) {
        this.agentId = agentId;
        this.profile = profile;
        this.twin = twin;
        this.schedule = schedule;
        this.clock = clock;
    }

    Map<String, Object> body() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("agent", agentId);
        out.put("mode", profile.mode().wire());
        out.put("language", profile.language());
        out.put("languages", KioskProfile.LANGUAGES);
        out.put("library", profile.libraryName());
        out.put("qr", profile.patronUrl().isPresent());
        out.put("hours", hours(clock.instant()));
        out.put("zones", twin.zones());
        out.put("bookings", twin.bookings());
        twin.room().ifPresent(room -> out.put("room", room));
        return out;
    }

    /** Each building's hours today; an empty list when the hub has sent no schedule (nothing is guessed). */
    private List<Map<String, Object>> hours(Instant now) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ClosingSchedule.Day day : schedule.get().today(now)) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("building", day.building());
            d.put("date", day.date().toString());
            d.put("open", day.hours().isPresent());
            day.hours().ifPresent(h -> {
                d.put("opens", h.substring(0, h.indexOf('-')));
                d.put("closes", h.substring(h.indexOf('-') + 1));
            });
            d.put("kind", day.kind());
            out.add(d);
        }
        return out;
    }
}
