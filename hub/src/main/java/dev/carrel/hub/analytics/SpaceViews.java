package dev.carrel.hub.analytics;

import dev.carrel.hub.spaces.SpaceModel;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Space: the seat heat map, zones and rooms (sessions, no-shows, leaves, utilisation), energy. */
final class SpaceViews {
    private SpaceViews() {}

    /** The zones of the current model that the query's building filter (and an optional zone) keeps. */
    static List<SpaceModel.Zone> zones(Places places, Query q, Optional<String> zone, Optional<String> kind) {
        return places.zones().stream()
                .filter(z -> q.building()
                        .map(b -> b.equals(places.buildingOfZone(z.id())))
                        .orElse(true))
                .filter(z -> zone.map(z.id()::equals).orElse(true))
                .filter(z -> kind.map(k -> k.equals(kindOf(z))).orElse(true))
                .toList();
    }

    static String kindOf(SpaceModel.Zone z) {
        return z.kind().name().toLowerCase(Locale.ROOT);
    }

    /**
     * Seat utilisation per zone and hour: {@code byDate} false gives zone × hour of day over the range (the heat
     * map), true gives zone × date × hour. Utilisation is occupied seat time over seats × the hour.
     */
    static Table heatMap(Connection c, Query q, Places places, Optional<String> zone, boolean byDate)
            throws SQLException {
        Map<String, long[]> cells = new HashMap<>();
        String key = byDate ? "day || '/' || hour || '/' || zone_id" : "hour || '/' || zone_id";
        Rows.each(
                c,
                "SELECT " + key + ", sum(occupied_ms), sum(away_ms) FROM analytics_zone_hours"
                        + " WHERE day BETWEEN ? AND ? GROUP BY 1",
                List.of(q.from().toString(), q.to().toString()),
                r -> cells.put(r.getString(1), new long[] {r.getLong(2), r.getLong(3)}));
        Table t = q.describe(new Table(
                byDate
                        ? List.of("zone", "date", "hour", "seats", "occupiedMinutes", "awayMinutes", "utilisation")
                        : List.of("zone", "hour", "seats", "occupiedMinutes", "awayMinutes", "utilisation")));
        for (SpaceModel.Zone z : zones(places, q, zone, Optional.empty())) {
            int seats = places.seatsIn(z.id());
            for (LocalDate d : byDate ? q.dates() : List.of(q.from())) {
                for (int h = 0; h < 24; h++) {
                    String k = (byDate ? d + "/" : "") + h + "/" + z.id();
                    long[] x = cells.getOrDefault(k, new long[2]);
                    double capacity = seats * 3_600_000.0 * (byDate ? 1 : q.days());
                    Double use = Rows.ratio(x[0], capacity);
                    if (byDate) {
                        t.row(z.id(), d.toString(), h, seats, Rows.minutes(x[0]), Rows.minutes(x[1]), use);
                    } else {
                        t.row(z.id(), h, seats, Rows.minutes(x[0]), Rows.minutes(x[1]), use);
                    }
                }
            }
        }
        return t.about("by", byDate ? "date-hour" : "hour");
    }

    /** Zones and rooms over the range; utilisation is against the building's opening hours. */
    static Table zoneSummary(Connection c, Query q, Places places, OpeningHours hours, Optional<String> kind)
            throws SQLException {
        Map<String, long[]> days = new HashMap<>();
        Rows.each(
                c,
                "SELECT zone_id, sum(sessions), sum(no_shows), sum(overruns), sum(leaves), sum(leave_ms)"
                        + " FROM analytics_zone_days WHERE day BETWEEN ? AND ? GROUP BY zone_id",
                List.of(q.from().toString(), q.to().toString()),
                r -> days.put(
                        r.getString(1),
                        new long[] {r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6)}));
        Map<String, Long> occupied = new HashMap<>();
        Rows.each(
                c,
                "SELECT zone_id, sum(occupied_ms) FROM analytics_zone_hours WHERE day BETWEEN ? AND ? GROUP BY zone_id",
                List.of(q.from().toString(), q.to().toString()),
                r -> occupied.put(r.getString(1), r.getLong(2)));
        Table t = q.describe(new Table(List.of(
                "zone",
                "name",
                "kind",
                "building",
                "seats",
                "sessions",
                "noShows",
                "noShowRate",
                "leaves",
                "averageLeaveMinutes",
                "overruns",
                "occupiedHours",
                "openHours",
                "utilisation")));
        for (SpaceModel.Zone z : zones(places, q, Optional.empty(), kind)) {
            String building = places.buildingOfZone(z.id());
            long[] x = days.getOrDefault(z.id(), new long[5]);
            long occ = occupied.getOrDefault(z.id(), 0L);
            long openMinutes = 0;
            for (LocalDate d : q.dates()) {
                openMinutes += hours.openMinutes(building, d);
            }
            int seats = places.seatsIn(z.id());
            t.row(
                    z.id(),
                    z.name(),
                    kindOf(z),
                    building,
                    seats,
                    x[0],
                    x[1],
                    Rows.ratio(x[1], x[0]),
                    x[3],
                    x[3] == 0 ? null : Rows.minutes(x[4] / x[3]),
                    x[2],
                    Rows.hours(occ),
                    openMinutes / 60.0,
                    Rows.ratio(occ, seats * openMinutes * 60_000.0));
        }
        return t;
    }

    /** Outlet energy per zone, and per occupied seat-hour of the seats whose plugs report energy. */
    static Table energy(Connection c, Query q, Places places) throws SQLException {
        Map<String, double[]> cells = new HashMap<>();
        Rows.each(
                c,
                "SELECT zone_id, sum(energy_wh), sum(metered_occupied_ms) FROM analytics_zone_days"
                        + " WHERE day BETWEEN ? AND ? GROUP BY zone_id",
                List.of(q.from().toString(), q.to().toString()),
                r -> cells.put(r.getString(1), new double[] {r.getDouble(2), r.getLong(3)}));
        Table t = q.describe(
                new Table(List.of("zone", "name", "energyWh", "meteredOccupiedSeatHours", "whPerOccupiedSeatHour")));
        for (SpaceModel.Zone z : zones(places, q, Optional.empty(), Optional.empty())) {
            double[] x = cells.getOrDefault(z.id(), new double[2]);
            double seatHours = x[1] / 3_600_000.0;
            t.row(
                    z.id(),
                    z.name(),
                    Math.round(x[0] * 100.0) / 100.0,
                    Math.round(seatHours * 100.0) / 100.0,
                    seatHours <= 0 ? null : Math.round(x[0] / seatHours * 100.0) / 100.0);
        }
        return t;
    }

    /**
     * Each zone's outlet energy today (local midnight to {@code now}) straight from the plugs' readings, so it is
     * current between rollups; the same sum of meter increases, resets counted from zero, as {@link #energy}.
     */
    static Table energyToday(Connection c, Places places, Instant now) throws SQLException {
        LocalDate today = now.atZone(places.timezone()).toLocalDate();
        Day day = Day.of(today, places.timezone(), now);
        Map<String, Double> wh = SeatDay.energy(c, day, places);
        Table t = new Table(List.of("zone", "name", "energyWh"))
                .about("date", today.toString())
                .about("since", day.start().toString())
                .about("until", day.until().toString());
        for (SpaceModel.Zone z : places.zones()) {
            if (wh.containsKey(z.id())) {
                t.row(z.id(), z.name(), Math.round(wh.get(z.id()) * 100.0) / 100.0);
            }
        }
        return t;
    }
}
