package dev.carrel.hub.analytics;

import dev.carrel.hub.analytics.Places.SeatPlace;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A day's seat use from {@code seat_state_changed}, {@code presence_changed} and {@code outlet_state} events,
 * and its no-shows and overruns ({@link SeatViolations}). A seat's state at midnight comes from its last change
 * in the 24 hours before (libraries release seats at closing, so a session rarely crosses midnight); a seat with
 * no change in that window starts the day free. Verified time is time {@code occupied} while the seat's own
 * presence sensor saw someone: a seat without a sensor verifies nothing (LIBRARY.md, "Carrel's answer").
 */
final class SeatDay {
    private static final long LOOKBACK_MS = 24 * 3_600_000L;

    private record Change(long ts, String state, String previous, String patron) {}

    private record Reading(long ts, double value) {}

    private SeatDay() {}

    static void collect(Connection c, Day day, Places places, Visitors visitors, DayTotals out) throws SQLException {
        Map<String, List<Reading>> presence = series(c, day, "presence_changed", "sensorId", "present");
        Map<String, List<Reading>> energy = series(c, day, "outlet_state", "endpointId", "energyWh");
        Map<SeatPlace, List<Change>> seats = changes(c, day, places);
        for (Map.Entry<SeatPlace, List<Change>> e : seats.entrySet()) {
            seat(day, e.getKey(), e.getValue(), presence, energy, visitors, out);
        }
        SeatViolations.collect(c, day, places, visitors, out);
        energy(day, places, energy, out);
    }

    private static Map<SeatPlace, List<Change>> changes(Connection c, Day day, Places places) throws SQLException {
        Map<SeatPlace, List<Change>> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT agent_id, json_extract(body, '$.seatId'), ts, json_extract(body, '$.state'),
                       json_extract(body, '$.previous'), json_extract(body, '$.patron')
                FROM events WHERE type = 'seat_state_changed' AND ts >= ? AND ts < ? ORDER BY ts, seq
                """)) {
            s.setLong(1, day.start().toEpochMilli() - LOOKBACK_MS);
            s.setLong(2, day.until().toEpochMilli());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    var place = places.seat(r.getString(1), r.getString(2));
                    if (place.isPresent()) {
                        out.computeIfAbsent(place.get(), k -> new ArrayList<>())
                                .add(new Change(r.getLong(3), r.getString(4), r.getString(5), r.getString(6)));
                    }
                }
            }
        }
        return out;
    }

    private static void seat(
            Day day,
            SeatPlace seat,
            List<Change> changes,
            Map<String, List<Reading>> presence,
            Map<String, List<Reading>> energy,
            Visitors visitors,
            DayTotals out)
            throws SQLException {
        DayTotals.ZoneDay zone = out.zone(seat.zoneId());
        List<Reading> sensor =
                seat.sensor().map(r -> presence.get(r.toString())).orElse(null);
        boolean metered =
                seat.outlet().map(r -> energy.containsKey(r.toString())).orElse(false);
        long dayStart = day.start().toEpochMilli();
        for (int i = 0; i < changes.size(); i++) {
            Change ch = changes.get(i);
            long from = ch.ts();
            long to = i + 1 < changes.size()
                    ? changes.get(i + 1).ts()
                    : day.until().toEpochMilli();
            boolean today = ch.ts() >= dayStart;
            DayTotals.VisitorDay holder =
                    ch.patron() == null ? null : out.visitor(seat.buildingId(), visitors.of(ch.patron()));
            if (today
                    && "free".equals(ch.previous())
                    && ("reserved".equals(ch.state()) || "occupied".equals(ch.state()))) {
                zone.sessions++;
                if (holder != null) {
                    holder.sessions++;
                }
            }
            long span = day.clip(from, to);
            if ("occupied".equals(ch.state())) {
                day.splitByHour(from, to, (hour, ms) -> out.zoneHour(hour, seat.zoneId(), ms, 0));
                if (metered) {
                    zone.meteredOccupiedMs += span;
                }
                if (holder != null) {
                    holder.seatMs += span;
                    holder.verifiedMs += sensor == null ? 0 : presentWithin(day, sensor, from, to);
                }
            } else if ("away".equals(ch.state())) {
                day.splitByHour(from, to, (hour, ms) -> out.zoneHour(hour, seat.zoneId(), 0, ms));
                zone.leaveMs += span;
                if (today && !"away".equals(ch.previous())) {
                    zone.leaves++;
                }
            }
        }
    }

    /** How much of {@code [from, to)}, clipped to the day, the sensor saw someone. */
    private static long presentWithin(Day day, List<Reading> sensor, long from, long to) {
        long total = 0;
        for (int i = 0; i < sensor.size(); i++) {
            if (sensor.get(i).value() > 0) {
                long end = i + 1 < sensor.size()
                        ? sensor.get(i + 1).ts()
                        : day.until().toEpochMilli();
                total += day.clip(Math.max(from, sensor.get(i).ts()), Math.min(to, end));
            }
        }
        return total;
    }

    /**
     * Each zone's outlet energy on the day so far (Wh), from the raw readings, by the rule the rollup stores:
     * for the figure of today, which the rollup only writes every {@code rollup-every}. Zones whose plugs sent
     * no reading since the lookback are left out.
     */
    static Map<String, Double> energy(Connection c, Day day, Places places) throws SQLException {
        DayTotals totals = new DayTotals();
        energy(day, places, series(c, day, "outlet_state", "endpointId", "energyWh"), totals);
        Map<String, Double> out = new java.util.TreeMap<>();
        totals.zones.forEach((zone, z) -> out.put(zone, z.energyWh));
        return out;
    }

    /**
     * Outlet energy: the plugs report a running total ({@code energyWh}), so a zone's energy for the day is the
     * sum of the increases between consecutive readings that fall on the day; a total that went down is a reset
     * (the plug restarted) and counts from zero.
     */
    private static void energy(Day day, Places places, Map<String, List<Reading>> energy, DayTotals out) {
        long dayStart = day.start().toEpochMilli();
        for (Map.Entry<String, List<Reading>> e : energy.entrySet()) {
            int slash = e.getKey().indexOf('/');
            var zone =
                    places.outletZone(e.getKey().substring(0, slash), e.getKey().substring(slash + 1));
            if (zone.isEmpty()) {
                continue;
            }
            List<Reading> readings = e.getValue();
            double wh = 0;
            for (int i = 1; i < readings.size(); i++) {
                if (readings.get(i).ts() >= dayStart) {
                    double delta = readings.get(i).value() - readings.get(i - 1).value();
                    wh += delta >= 0 ? delta : readings.get(i).value();
                }
            }
            out.zone(zone.get()).energyWh += wh;
        }
    }

    /** A numeric (or boolean) field of one event type per {@code agent/endpoint}, in order, with lookback. */
    private static Map<String, List<Reading>> series(Connection c, Day day, String type, String idField, String field)
            throws SQLException {
        Map<String, List<Reading>> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT agent_id, json_extract(body, '$." + idField
                + "'), ts, json_extract(body, '$." + field + "') FROM events WHERE type = ? AND ts >= ? AND ts < ?"
                + " ORDER BY ts, seq")) {
            s.setString(1, type);
            s.setLong(2, day.start().toEpochMilli() - LOOKBACK_MS);
            s.setLong(3, day.until().toEpochMilli());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Object v = r.getObject(4);
                    if (v instanceof Number n) {
                        String key = r.getString(1) + "/" + r.getString(2);
                        out.computeIfAbsent(key, k -> new ArrayList<>())
                                .add(new Reading(r.getLong(3), n.doubleValue()));
                    }
                }
            }
        }
        return out;
    }
}
