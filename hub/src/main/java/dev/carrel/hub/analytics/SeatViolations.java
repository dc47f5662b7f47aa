package dev.carrel.hub.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/**
 * A day's no-shows and overrun leaves, each booking's once whoever saw it first (docs/analytics.md, "No-shows
 * and overruns"). A booking's violation is the reservations feature's row in {@code reservation_violations}: one
 * per booking whether the hub's sweep or the seat's agent saw it first, and there also when the agent never
 * reports (offline at the grace end, or no agent at the seat). It counts on the day the hub recorded it. A
 * walk-up session's violation has no booking: it is the agent's {@code seat_violation} event, counted on its own
 * day whether or not a patron holds the credential. The agent's report of a booking's violation is left out of
 * the events, since the row counts it. A violation voided by an accepted appeal is not counted: staff found it
 * was none.
 */
final class SeatViolations {
    /**
     * An agent's report belongs to a booking of its seat and holder that started before it and ended at most an
     * hour before: the rule by which the hub ties the report to the booking (reservations' {@code SeatEvents}).
     */
    private static final long LATE_REPORT_MS = 3_600_000L;

    /** Decisions are written a moment after they are taken: look back this far for ones the last run missed. */
    private static final long DECISION_MARGIN_MS = 60_000L;

    private SeatViolations() {}

    static void collect(Connection c, Day day, Places places, Visitors visitors, DayTotals out) throws SQLException {
        reported(c, day, places, visitors, out);
        booked(c, day, places, visitors, out);
    }

    /** The agents' reports that are not a booking's violation (the walk-ups'), less those voided on appeal. */
    private static void reported(Connection c, Day day, Places places, Visitors visitors, DayTotals out)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                WITH reported AS (
                    SELECT agent_id, json_extract(body, '$.seatId') AS seat, json_extract(body, '$.patron') AS patron,
                           json_extract(body, '$.kind') AS kind, ts, received
                    FROM events WHERE type = 'seat_violation' AND ts >= ? AND ts < ?)
                SELECT e.agent_id, e.seat, e.patron, e.kind FROM reported e
                WHERE NOT EXISTS (
                    SELECT 1 FROM reservations r JOIN reservation_violations v ON v.reservation_id = r.id
                    WHERE r.kind = 'seat' AND r.resource_id = e.seat AND r.start_at <= e.ts
                      AND e.ts <= r.end_at + ?
                      AND (r.holder = e.patron
                           OR r.patron_id IN (SELECT patron_id FROM patron_credentials WHERE hash = e.patron)))
                  AND NOT EXISTS (
                    SELECT 1 FROM reservation_violations v
                    WHERE v.reservation_id IS NULL AND v.source = 'agent' AND v.state = 'voided'
                      AND v.seat_id = e.seat AND v.at = e.received)
                """)) {
            s.setLong(1, day.start().toEpochMilli());
            s.setLong(2, day.until().toEpochMilli());
            s.setLong(3, LATE_REPORT_MS);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    var place = places.seat(r.getString(1), r.getString(2));
                    if (place.isPresent()) {
                        count(place.get(), r.getString(4), Optional.of(visitors.of(r.getString(3))), out);
                    }
                }
            }
        }
    }

    /**
     * The bookings' violations the hub recorded on the day, counted for the credential the seat was held for
     * (else any of the patron's), so that they land in the patron's group and college.
     */
    private static void booked(Connection c, Day day, Places places, Visitors visitors, DayTotals out)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT v.seat_id, v.kind, coalesce(r.holder,
                       (SELECT min(hash) FROM patron_credentials WHERE patron_id = v.patron_id))
                FROM reservation_violations v JOIN reservations r ON r.id = v.reservation_id
                WHERE v.at >= ? AND v.at < ? AND v.state = 'counted' AND v.kind IN ('no_show', 'leave_overrun')
                """)) {
            s.setLong(1, day.start().toEpochMilli());
            s.setLong(2, day.until().toEpochMilli());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    var place = places.seat(r.getString(1));
                    if (place.isEmpty()) {
                        continue;
                    }
                    // A patron with no credential at all: the zone counts it, no visitor row can.
                    String credential = r.getString(3);
                    Optional<Visitors.Visitor> who =
                            credential == null ? Optional.empty() : Optional.of(visitors.of(credential));
                    count(place.get(), r.getString(2), who, out);
                }
            }
        }
    }

    private static void count(Places.SeatPlace seat, String kind, Optional<Visitors.Visitor> who, DayTotals out) {
        DayTotals.ZoneDay zone = out.zone(seat.zoneId());
        if ("no_show".equals(kind)) {
            zone.noShows++;
            who.ifPresent(v -> out.visitor(seat.buildingId(), v).noShows++);
        } else {
            zone.overruns++;
        }
    }

    /** Where the next run looks from: the violations' rowid, and the time appeals were decided. */
    record Marks(long rowid, long decided) {}

    /**
     * Adds the days whose counts changed without a new event since {@code since}: those of violations the hub
     * recorded (its sweep's no-shows have no event), and those of violations an accepted appeal voided (the day
     * the violation was recorded and, for a walk-up's, the day of the agent's report). Returns the next marks.
     */
    static Marks changedDays(Connection c, Marks since, Instant now, ZoneId zone, Set<LocalDate> days)
            throws SQLException {
        long rowid = since.rowid();
        try (PreparedStatement s =
                c.prepareStatement("SELECT rowid, at FROM reservation_violations WHERE rowid > ? ORDER BY rowid")) {
            s.setLong(1, since.rowid());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rowid = r.getLong(1);
                    days.add(Instant.ofEpochMilli(r.getLong(2)).atZone(zone).toLocalDate());
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("""
                SELECT v.at, (SELECT min(e.ts) FROM events e WHERE e.type = 'seat_violation' AND e.received = v.at
                              AND json_extract(e.body, '$.seatId') = v.seat_id)
                FROM reservation_appeals a JOIN reservation_violations v ON v.id = a.violation_id
                WHERE a.state = 'accepted' AND a.decided_at >= ?
                """)) {
            s.setLong(1, since.decided());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    days.add(Instant.ofEpochMilli(r.getLong(1)).atZone(zone).toLocalDate());
                    long reported = r.getLong(2);
                    if (!r.wasNull()) {
                        days.add(Instant.ofEpochMilli(reported).atZone(zone).toLocalDate());
                    }
                }
            }
        }
        return new Marks(rowid, now.toEpochMilli() - DECISION_MARGIN_MS);
    }
}
