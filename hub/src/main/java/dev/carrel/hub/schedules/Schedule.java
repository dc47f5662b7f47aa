package dev.carrel.hub.schedules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.hub.spaces.Fields;
import dev.carrel.protocol.InvalidFieldException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A building's opening hours: one entry per weekday, exceptions (a holiday closure, holiday hours, an exam
 * period with extended hours) and the actions at opening and closing. The same shape is stored, served and
 * pushed to agents in their twins' {@code schedule} section, so an agent keeps to it while offline.
 *
 * <p>An exception for a single date wins over one for a range of dates; among equals, the later in the list
 * wins. A weekday left out is closed.
 */
public record Schedule(Map<DayOfWeek, Hours> weekly, List<Exception> exceptions, Actions actions) {

    public enum Kind {
        REGULAR,
        HOLIDAY,
        EXAM
    }

    /** A rule for one date ({@code from == to}) or a range; no hours means closed. */
    public record Exception(LocalDate from, LocalDate to, Kind kind, Optional<Hours> hours, String note) {
        boolean covers(LocalDate day) {
            return !day.isBefore(from) && !day.isAfter(to);
        }
    }

    public enum Action {
        WARNING_BLINK,
        RELEASE_SEATS,
        LAMPS_OFF,
        OUTLETS_OFF,
        COMMON_LIGHTING_ON
    }

    public record Actions(int warnMinutes, List<Action> atOpening, List<Action> beforeClosing, List<Action> atClosing) {
        static Actions defaults() {
            return new Actions(
                    15,
                    List.of(Action.COMMON_LIGHTING_ON),
                    List.of(Action.WARNING_BLINK),
                    List.of(Action.RELEASE_SEATS, Action.LAMPS_OFF, Action.OUTLETS_OFF));
        }
    }

    /** One day's hours and why: empty hours means closed all day. */
    public record Day(LocalDate date, Optional<Hours> hours, Kind kind, String note) {}

    public Day day(LocalDate date) {
        Optional<Exception> rule = exceptions.stream()
                .filter(e -> e.covers(date))
                .max(Comparator.comparing((Exception e) -> e.from().equals(e.to()))
                        .thenComparing(e -> exceptions.indexOf(e)));
        if (rule.isPresent()) {
            return new Day(
                    date, rule.get().hours(), rule.get().kind(), rule.get().note());
        }
        return new Day(date, Optional.ofNullable(weekly.get(date.getDayOfWeek())), Kind.REGULAR, "");
    }

    public static Schedule parse(JsonNode n) {
        Fields.only(n, "", Set.of("weekly", "exceptions", "actions"));
        Map<DayOfWeek, Hours> weekly = new EnumMap<>(DayOfWeek.class);
        JsonNode w = n.get("weekly");
        if (w != null && !w.isNull()) {
            Fields.only(w, "weekly", Set.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"));
            for (DayOfWeek d : DayOfWeek.values()) {
                String key = wire(d);
                Fields.optionalText(w, "weekly", key)
                        .filter(t -> !t.equals("closed"))
                        .ifPresent(t -> weekly.put(d, Hours.parse("weekly." + key, t)));
            }
        }
        List<Exception> exceptions = new ArrayList<>();
        List<JsonNode> list = Fields.array(n, "", "exceptions");
        for (int i = 0; i < list.size(); i++) {
            exceptions.add(exception(list.get(i), "exceptions[" + i + "]"));
        }
        JsonNode a = n.get("actions");
        Actions actions = a == null || a.isNull() ? Actions.defaults() : actions(a);
        return new Schedule(weekly, exceptions, actions);
    }

    private static Exception exception(JsonNode e, String path) {
        Fields.only(e, path, Set.of("date", "from", "to", "kind", "closed", "hours", "note"));
        Optional<LocalDate> date = Fields.optionalText(e, path, "date").map(t -> date(path + ".date", t));
        LocalDate from = date.orElseGet(() -> date(path + ".from", Fields.text(e, path, "from")));
        LocalDate to = date.orElseGet(() -> date(path + ".to", Fields.text(e, path, "to")));
        if (to.isBefore(from)) {
            throw new InvalidFieldException(path + ".to", "is before 'from'");
        }
        boolean closed = Fields.optionalBool(e, path, "closed").orElse(false);
        Optional<Hours> hours = Fields.optionalText(e, path, "hours").map(t -> Hours.parse(path + ".hours", t));
        if (closed == hours.isPresent()) {
            throw new InvalidFieldException(path, "needs either \"closed\": true or \"hours\"");
        }
        String kind = Fields.optionalText(e, path, "kind").orElse("holiday");
        if (!kind.equals("holiday") && !kind.equals("exam")) {
            throw new InvalidFieldException(path + ".kind", "must be 'holiday' or 'exam', got '" + kind + "'");
        }
        return new Exception(
                from,
                to,
                Kind.valueOf(kind.toUpperCase(Locale.ROOT)),
                hours,
                Fields.optionalText(e, path, "note").orElse(""));
    }

    private static Actions actions(JsonNode a) {
        Fields.only(a, "actions", Set.of("warnMinutesBeforeClose", "atOpening", "beforeClosing", "atClosing"));
        return new Actions(
                Fields.optionalInt(a, "actions", "warnMinutesBeforeClose", 1, 120)
                        .orElse(15),
                actionList(a, "atOpening"),
                actionList(a, "beforeClosing"),
                actionList(a, "atClosing"));
    }

    private static List<Action> actionList(JsonNode a, String name) {
        List<Action> out = new ArrayList<>();
        List<JsonNode> items = Fields.array(a, "actions", name);
        for (int i = 0; i < items.size(); i++) {
            String field = "actions." + name + "[" + i + "]";
            try {
                out.add(Action.valueOf(items.get(i).asText().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException(
                        field,
                        "'" + items.get(i).asText() + "' is not an action (known: "
                                + "warning_blink, release_seats, lamps_off, outlets_off, common_lighting_on)");
            }
        }
        return out;
    }

    private static LocalDate date(String field, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw new InvalidFieldException(field, "must be a date YYYY-MM-DD, got '" + text + "'");
        }
    }

    static String wire(DayOfWeek d) {
        return d.getDisplayName(TextStyle.SHORT, Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /** The schedule as JSON-ready maps: what the API returns and the twin's {@code schedule} section holds. */
    public Map<String, Object> toMap() {
        Map<String, Object> week = new LinkedHashMap<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            week.put(
                    wire(d),
                    Optional.ofNullable(weekly.get(d)).map(Hours::toString).orElse("closed"));
        }
        List<Object> ex = new ArrayList<>();
        for (Exception e : exceptions) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from", e.from().toString());
            m.put("to", e.to().toString());
            m.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
            e.hours().ifPresentOrElse(h -> m.put("hours", h.toString()), () -> m.put("closed", true));
            if (!e.note().isEmpty()) {
                m.put("note", e.note());
            }
            ex.add(m);
        }
        Map<String, Object> act = new LinkedHashMap<>();
        act.put("warnMinutesBeforeClose", actions.warnMinutes());
        act.put("atOpening", names(actions.atOpening()));
        act.put("beforeClosing", names(actions.beforeClosing()));
        act.put("atClosing", names(actions.atClosing()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("weekly", week);
        out.put("exceptions", ex);
        out.put("actions", act);
        return out;
    }

    private static List<Object> names(List<Action> actions) {
        return actions.stream()
                .map(a -> (Object) a.name().toLowerCase(Locale.ROOT))
                .toList();
    }
}
