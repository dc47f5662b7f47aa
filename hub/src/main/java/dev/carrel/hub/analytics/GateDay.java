package dev.carrel.hub.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A day's visits from its {@code gate_passage} events: entries per hour, and each visitor's entries paired
 * with their exits in order (LIBRARY.md, "Visitor counting"). An entry without an exit (a missed exit, a
 * tailgate, a free exit without a card) is closed at the building's closing time that day, or at the visitor's
 * next entry if that comes first, or at the end of the day when the building keeps no hours; it is flagged
 * {@code unpaired}. An exit with no entry before it that day is not a visit. While the day is not over, an
 * open visit counts up to now and is not flagged yet.
 */
final class GateDay {
    private record Passage(long ts, String building, boolean in) {}

    private GateDay() {}

    static void collect(Connection c, Day day, Places places, Visitors visitors, OpeningHours hours, DayTotals out)
            throws SQLException {
        Map<String, List<Passage>> byVisitor = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT agent_id, ts, json_extract(body, '$.gateId'), json_extract(body, '$.direction'),
                       json_extract(body, '$.credential')
                FROM events WHERE type = 'gate_passage' AND ts >= ? AND ts < ? ORDER BY ts, seq
                """)) {
            s.setLong(1, day.start().toEpochMilli());
            s.setLong(2, day.until().toEpochMilli());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long ts = r.getLong(2);
                    String building = places.gateBuilding(r.getString(1), r.getString(3));
                    boolean in = "in".equals(r.getString(4));
                    String credential = r.getString(5);
                    if (credential == null) {
                        if (in) {
                            out.entry(day.hourOf(ts), new DayTotals.Segment(building, Visitors.UNKNOWN_GROUP, ""));
                        }
                        continue;
                    }
                    byVisitor
                            .computeIfAbsent(credential, k -> new ArrayList<>())
                            .add(new Passage(ts, building, in));
                }
            }
        }
        for (Map.Entry<String, List<Passage>> e : byVisitor.entrySet()) {
            pair(day, visitors.of(e.getKey()), e.getValue(), hours, out);
        }
    }

    private static void pair(Day day, Visitors.Visitor who, List<Passage> passages, OpeningHours hours, DayTotals out) {
        Passage open = null;
        for (Passage p : passages) {
            if (p.in()) {
                if (open != null) {
                    close(day, who, open, Math.min(p.ts(), closing(day, open, hours)), true, out);
                }
                open = p;
                DayTotals.Segment segment = new DayTotals.Segment(p.building(), who.group(), who.college());
                out.entry(day.hourOf(p.ts()), segment);
                out.visitor(p.building(), who).entries++;
            } else if (open != null) {
                close(day, who, open, p.ts(), false, out);
                open = null;
            }
        }
        if (open != null) {
            long closing = closing(day, open, hours);
            if (day.complete() || closing <= day.until().toEpochMilli()) {
                close(day, who, open, closing, true, out);
            } else {
                close(day, who, open, day.until().toEpochMilli(), false, out);
            }
        }
    }

    /** The building's closing time that day if it falls after the entry, else the end of the day. */
    private static long closing(Day day, Passage entry, OpeningHours hours) {
        long end = day.end().toEpochMilli();
        return hours.on(entry.building(), day.date())
                .flatMap(h -> h)
                .map(h -> day.date()
                        .atStartOfDay()
                        .plusMinutes(h.close())
                        .atZone(day.zone())
                        .toInstant()
                        .toEpochMilli())
                .filter(t -> t > entry.ts())
                .map(t -> Math.min(t, end))
                .orElse(end);
    }

    private static void close(
            Day day, Visitors.Visitor who, Passage entry, long exit, boolean unpaired, DayTotals out) {
        long millis = Math.max(0, exit - entry.ts());
        DayTotals.VisitorDay v = out.visitor(entry.building(), who);
        v.visitsMs += millis;
        if (unpaired) {
            v.unpaired++;
        }
        out.visit(new DayTotals.Segment(entry.building(), who.group(), who.college()), millis, unpaired);
    }
}
