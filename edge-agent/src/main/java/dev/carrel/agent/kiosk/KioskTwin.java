package dev.carrel.agent.kiosk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The {@code kiosk} section of the desired twin: what only the hub knows and a kiosk shows (docs/kiosk.md,
 * "From the hub"). Read leniently: an entry of the wrong shape is left out, loudly, and the rest is shown,
 * because a kiosk that shows nothing helps nobody. Nothing here is invented: without the section, the
 * kiosk shows no zone counts and no bookings. (A gate's reminders come from the hub on their own topic,
 * {@code responses/reminders}, not from here.)
 *
 * <pre>
 * "kiosk": {
 *   "zones":     [{"id": "reading-room-1", "name": {"en": "Reading room 1", "zh-CN": "第一阅览室"}, "free": 12, "total": 24}],
 *   "bookings":  [{"from": "14:00", "to": "16:00", "size": 4, "joinCode": "4821"}],
 *   "room":      {"minMinutes": 30, "maxMinutes": 120, "groupSize": 3, "formationMinutes": 15}
 * }
 * </pre>
 */
public final class KioskTwin {
    private static final Logger LOG = Logger.getLogger(KioskTwin.class.getName());
    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d|24:00");

    private final Supplier<Map<String, Object>> desired;

    /** @param desired the desired twin's state as last applied; empty before the hub's first */
    public KioskTwin(Supplier<Map<String, Object>> desired) {
        this.desired = desired;
    }

    /** Other zones' free seats, as the hub counts them; empty when the hub sends none. */
    public List<Map<String, Object>> zones() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<?, ?> z : entries("zones")) {
            Optional<Map<String, String>> name = names(z.get("name"));
            if (!(z.get("id") instanceof String id)
                    || name.isEmpty()
                    || !(z.get("free") instanceof Integer free)
                    || !(z.get("total") instanceof Integer total)
                    || free < 0
                    || total < free) {
                skipped("zones", z);
                continue;
            }
            out.add(Map.of("id", id, "name", name.get(), "free", free, "total", total));
        }
        return out;
    }

    /** Today's bookings of this room, in order; empty when the hub sends none. */
    public List<Map<String, Object>> bookings() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<?, ?> b : entries("bookings")) {
            if (!time(b.get("from")) || !time(b.get("to"))) {
                skipped("bookings", b);
                continue;
            }
            Map<String, Object> booking = new LinkedHashMap<>();
            booking.put("from", b.get("from"));
            booking.put("to", b.get("to"));
            if (b.get("size") instanceof Integer size && size > 0) {
                booking.put("size", size);
            }
            if (b.get("joinCode") instanceof String code && code.matches("[A-Za-z0-9]{3,12}")) {
                booking.put("joinCode", code);
            }
            out.add(booking);
        }
        return out;
    }

    /**
     * How the room at this door is booked: lengths {@code minMinutes}-{@code maxMinutes}, the group's
     * {@code groupSize} and its {@code formationMinutes}; empty without it, or when any of them is implausible
     * (the page then offers its defaults, and the hub still decides).
     */
    public Optional<Map<String, Object>> room() {
        if (!(section().get("room") instanceof Map<?, ?> r)) {
            return Optional.empty();
        }
        if (!(r.get("minMinutes") instanceof Integer min)
                || !(r.get("maxMinutes") instanceof Integer max)
                || !(r.get("groupSize") instanceof Integer group)
                || !(r.get("formationMinutes") instanceof Integer formation)
                || min < 1
                || max < min
                || max > 24 * 60
                || group < 1
                || group > 100
                || formation < 0
                || formation > 24 * 60) {
            skipped("room", r);
            return Optional.empty();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("minMinutes", min);
        out.put("maxMinutes", max);
        out.put("groupSize", group);
        out.put("formationMinutes", formation);
        return Optional.of(out);
    }

    /** A name in the kiosk's languages: {"en": …, "zh-CN": …}, or one text for both. */
    private static Optional<Map<String, String>> names(Object value) {
        if (value instanceof String s && !s.isBlank()) {
            Map<String, String> both = new LinkedHashMap<>();
            KioskProfile.LANGUAGES.forEach(lang -> both.put(lang, s));
            return Optional.of(both);
        }
        if (!(value instanceof Map<?, ?> m) || m.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String lang : KioskProfile.LANGUAGES) {
            if (m.get(lang) instanceof String s && !s.isBlank()) {
                out.put(lang, s);
            }
        }
        if (out.isEmpty()) {
            return Optional.empty();
        }
        String any = out.values().iterator().next();
        KioskProfile.LANGUAGES.forEach(lang -> out.putIfAbsent(lang, any));
        return Optional.of(out);
    }

    private static boolean time(Object v) {
        return v instanceof String s && TIME.matcher(s).matches();
    }

    private Map<?, ?> section() {
        return desired.get().get("kiosk") instanceof Map<?, ?> k ? k : Map.of();
    }

    private List<Map<?, ?>> entries(String key) {
        if (!(section().get(key) instanceof List<?> list)) {
            return List.of();
        }
        List<Map<?, ?>> out = new ArrayList<>();
        for (Object o : list) {
            if (o instanceof Map<?, ?> m) {
                out.add(m);
            } else {
                skipped(key, o);
            }
        }
        return out;
    }

    private static void skipped(String key, Object entry) {
        LOG.warning(() -> "desired twin: left out an unreadable 'kiosk." + key + "' entry: " + entry);
    }
}
