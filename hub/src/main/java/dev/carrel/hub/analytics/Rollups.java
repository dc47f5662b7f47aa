package dev.carrel.hub.analytics;

import dev.carrel.hub.spaces.SpaceModel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Rolls raw events up into the daily tables. Which days: those with events stored since the last run (by the
 * events table's rowid, which only grows), the day after each (its state at midnight comes from the day
 * before), a day last rolled up before it was over, the days of violations recorded or voided on appeal since
 * the last run (a sweep's no-show has no event: {@link SeatViolations}), and today. A sealed day is never
 * rewritten: its raw events are gone or going (see {@link RawRetention}). {@link #compute} only reads; the rest
 * runs on the writer's connection.
 */
final class Rollups {
    static final String TYPES =
            "('gate_passage', 'seat_state_changed', 'seat_violation', 'presence_changed', 'outlet_state')";

    private final Supplier<SpaceModel> model;
    private final OpeningHours hours;
    private final AnalyticsSettings settings;
    private volatile Visitors.PassHashes passes = Visitors.PassHashes.NONE;

    Rollups(Supplier<SpaceModel> model, OpeningHours hours, AnalyticsSettings settings) {
        this.model = model;
        this.hours = hours;
        this.settings = settings;
    }

    void passes(Visitors.PassHashes passes) {
        this.passes = passes;
    }

    Visitors visitors(Connection c) {
        return new Visitors(c, passes);
    }

    Places places() {
        return new Places(model.get(), settings.timezone());
    }

    /**
     * The days to roll up as of {@code now}, and where the next run looks from (events' rowid, violations'
     * marks), recorded once they are done.
     */
    record Pending(SortedSet<LocalDate> days, long rowid, SeatViolations.Marks violations) {}

    Pending pending(Connection c, Instant now) throws SQLException {
        Places places = places();
        LocalDate today = now.atZone(places.timezone()).toLocalDate();
        long since = state(c, "rolled_rowid").orElse(0L);
        SortedSet<LocalDate> days = new TreeSet<>();
        long max = since;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT rowid, ts FROM events WHERE rowid > ? AND type IN " + TYPES + " ORDER BY rowid")) {
            s.setLong(1, since);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    max = r.getLong(1);
                    LocalDate d = Instant.ofEpochMilli(r.getLong(2))
                            .atZone(places.timezone())
                            .toLocalDate();
                    days.add(d);
                    if (d.isBefore(today)) {
                        days.add(d.plusDays(1));
                    }
                }
            }
        }
        state(c, "partial_day").map(LocalDate::ofEpochDay).ifPresent(days::add);
        SeatViolations.Marks marks = new SeatViolations.Marks(
                state(c, "violations_rowid").orElse(0L),
                state(c, "violations_decided").orElse(0L));
        marks = SeatViolations.changedDays(c, marks, now, places.timezone(), days);
        days.add(today);
        days.removeIf(d -> d.isAfter(today));
        return new Pending(days, max, marks);
    }

    /** A day computed from its raw events, not yet written. */
    record Computed(Day day, DayTotals totals, Places places) {}

    /** Computes a day from its raw events; reads only, so it may run on the read connection. */
    Computed compute(Connection c, LocalDate date, Instant now) throws SQLException {
        Places places = places();
        Day day = Day.of(date, places.timezone(), now);
        DayTotals totals = new DayTotals();
        Visitors visitors = visitors(c);
        GateDay.collect(c, day, places, visitors, hours, totals);
        SeatDay.collect(c, day, places, visitors, totals);
        return new Computed(day, totals, places);
    }

    /** Writes a computed day over its rows, unless the day is sealed; returns whether it did. */
    boolean store(Connection c, Computed computed) throws SQLException {
        if (sealed(c, computed.day().date())) {
            return false;
        }
        RollupTables.replace(c, computed.day(), computed.totals(), computed.places(), capMs(c));
        if (!computed.day().complete()) {
            setState(c, "partial_day", computed.day().date().toEpochDay());
        }
        return true;
    }

    /** Rewrites one day's rows from its raw events, on the writer's connection, unless the day is sealed. */
    boolean roll(Connection c, LocalDate date, Instant now) throws SQLException {
        return !sealed(c, date) && store(c, compute(c, date, now));
    }

    void finish(Connection c, Pending done, Instant now) throws SQLException {
        setState(c, "rolled_rowid", done.rowid());
        setState(c, "violations_rowid", done.violations().rowid());
        setState(c, "violations_decided", done.violations().decided());
        LocalDate today = now.atZone(places().timezone()).toLocalDate();
        setState(c, "partial_day", today.toEpochDay());
    }

    /** The daily cap the award table holds; rebuilt when the configured cap changed. */
    private long capMs(Connection c) throws SQLException {
        long cap = settings.awardDailyCap().toMillis();
        Optional<Long> stored = state(c, "award_cap_ms");
        if (stored.isEmpty() || stored.get() != cap) {
            RollupTables.rebuildAwards(c, cap);
            setState(c, "award_cap_ms", cap);
        }
        return cap;
    }

    static boolean sealed(Connection c, LocalDate date) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM analytics_sealed_days WHERE day = ?")) {
            s.setString(1, date.toString());
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    static void seal(Connection c, LocalDate date, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO analytics_sealed_days (day, sealed_at) VALUES (?, ?) ON CONFLICT (day) DO NOTHING")) {
            s.setString(1, date.toString());
            s.setLong(2, now.toEpochMilli());
            s.executeUpdate();
        }
    }

    static Optional<Long> state(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT value FROM analytics_state WHERE key = ?")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
            }
        }
    }

    static void setState(Connection c, String key, long value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO analytics_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = ?")) {
            s.setString(1, key);
            s.setLong(2, value);
            s.setLong(3, value);
            s.executeUpdate();
        }
    }
}
