package dev.carrel.agent.control;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The buildings' opening hours as the hub pushes them in the desired twin ({@code schedule.<building>}, see
 * the hub's {@code Schedule}): weekly hours, exceptions and the closing actions, in the building's time zone.
 * The agent works out each day's closing from it by itself, so closing time still happens when the hub is
 * unreachable: at {@code warnMinutesBeforeClose} the held seats' lamps blink, at the closing every seat is
 * released and its power goes off.
 *
 * <p>Same rules as the hub: an exception for a single date wins over one for a range, among equals the later
 * in the list wins; a weekday left out is closed.
 */
public record ClosingSchedule(List<Building> buildings) {
    private static final Logger LOG = Logger.getLogger(ClosingSchedule.class.getName());

    /** A closing is acted on only this long after its time: a restart next morning must not close again. */
    static final Duration LATE_LIMIT = Duration.ofMinutes(10);

    public static final ClosingSchedule NONE = new ClosingSchedule(List.of());

    /** One building's rules; {@code hours} maps a weekday to "HH:MM-HH:MM" or "closed". */
    public record Building(
            String id,
            ZoneId zone,
            Map<String, String> weekly,
            List<Exception> exceptions,
            int warnMinutes,
            boolean blink,
            boolean release) {}

    /**
     * A rule for {@code from..to} (inclusive); empty hours means closed. {@code kind} is the hub's
     * ({@code regular}, {@code holiday}, {@code exam}); {@code note} is its free text, possibly empty.
     */
    public record Exception(LocalDate from, LocalDate to, Optional<String> hours, String kind, String note) {
        boolean single() {
            return from.equals(to);
        }
    }

    public ClosingSchedule {
        buildings = List.copyOf(buildings);
    }

    /** Reads the twin's {@code schedule} section leniently: a building it cannot read is skipped, loudly. */
    static ClosingSchedule from(Object schedule) {
        if (!(schedule instanceof Map<?, ?> byBuilding)) {
            return NONE;
        }
        List<Building> out = new ArrayList<>();
        byBuilding.forEach((id, section) -> {
            try {
                out.add(building(String.valueOf(id), (Map<?, ?>) section));
            } catch (RuntimeException e) {
                LOG.warning(() -> "desired twin: skipped the unreadable schedule of building '" + id + "': " + e);
            }
        });
        return new ClosingSchedule(out);
    }

    private static Building building(String id, Map<?, ?> s) {
        Map<String, String> weekly = new java.util.HashMap<>();
        ((Map<?, ?>) s.get("weekly")).forEach((day, hours) -> weekly.put(String.valueOf(day), String.valueOf(hours)));
        List<Exception> exceptions = new ArrayList<>();
        if (s.get("exceptions") instanceof List<?> list) {
            for (Object o : list) {
                Map<?, ?> e = (Map<?, ?>) o;
                Optional<String> hours = Boolean.TRUE.equals(e.get("closed"))
                        ? Optional.empty()
                        : Optional.of(String.valueOf(e.get("hours")));
                exceptions.add(new Exception(
                        LocalDate.parse(String.valueOf(e.get("from"))),
                        LocalDate.parse(String.valueOf(e.get("to"))),
                        hours,
                        e.get("kind") instanceof String k ? k : "regular",
                        e.get("note") instanceof String n ? n : ""));
            }
        }
        Map<?, ?> actions = s.get("actions") instanceof Map<?, ?> a ? a : Map.of();
        int warn = actions.get("warnMinutesBeforeClose") instanceof Number n ? n.intValue() : 15;
        boolean blink = !(actions.get("beforeClosing") instanceof List<?> before) || before.contains("warning_blink");
        boolean release = !(actions.get("atClosing") instanceof List<?> at) || at.contains("release_seats");
        return new Building(id, ZoneId.of(String.valueOf(s.get("timezone"))), weekly, exceptions, warn, blink, release);
    }

    /** What is due in the window {@code (since, now]}. */
    public Due due(Instant since, Instant now) {
        boolean warn = false;
        boolean close = false;
        for (Building b : buildings) {
            for (LocalDate day : List.of(
                    since.atZone(b.zone()).toLocalDate(), now.atZone(b.zone()).toLocalDate())) {
                Optional<Instant> closing = closing(b, day);
                if (closing.isEmpty()) {
                    continue;
                }
                Instant warnAt = closing.get().minus(Duration.ofMinutes(b.warnMinutes()));
                warn |= b.blink() && within(warnAt, since, now) && now.isBefore(closing.get());
                close |= b.release() && within(closing.get(), since, now);
            }
        }
        return new Due(warn, close);
    }

    /** One building's hours on one day: empty hours means closed; kind and note as the rule that decided. */
    public record Day(String building, LocalDate date, Optional<String> hours, String kind, String note) {}

    /** Each building's hours today, "today" being the date in the building's own time zone. */
    public List<Day> today(Instant now) {
        return buildings.stream()
                .map(b -> day(b, now.atZone(b.zone()).toLocalDate()))
                .toList();
    }

    /** The hours that apply on that day, by the rules in the class comment. */
    static Day day(Building b, LocalDate day) {
        Exception winner = null;
        for (Exception e : b.exceptions()) {
            boolean covers = !day.isBefore(e.from()) && !day.isAfter(e.to());
            if (covers && (winner == null || e.single() || !winner.single())) {
                winner = e;
            }
        }
        if (winner != null) {
            return new Day(b.id(), day, winner.hours(), winner.kind(), winner.note());
        }
        Optional<String> hours =
                Optional.ofNullable(b.weekly().get(wire(day.getDayOfWeek()))).filter(h -> !h.equals("closed"));
        return new Day(b.id(), day, hours, "regular", "");
    }

    /** When the building closes on that day, if it opens at all. */
    static Optional<Instant> closing(Building b, LocalDate day) {
        return day(b, day).hours().filter(h -> !h.equals("closed")).map(h -> {
            String close = h.substring(h.indexOf('-') + 1);
            LocalTime at = close.equals("24:00") ? LocalTime.MIDNIGHT : LocalTime.parse(close);
            LocalDate date = close.equals("24:00") ? day.plusDays(1) : day;
            return date.atTime(at).atZone(b.zone()).toInstant();
        });
    }

    private static String wire(DayOfWeek d) {
        return d.getDisplayName(TextStyle.SHORT, Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    private static boolean within(Instant at, Instant since, Instant now) {
        return at.isAfter(since)
                && !at.isAfter(now)
                && Duration.between(at, now).compareTo(LATE_LIMIT) <= 0;
    }

    public record Due(boolean warn, boolean close) {}
}
