package dev.carrel.hub.reservations;

import dev.carrel.hub.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code reservations} and {@code reservation_members} tables. Writes run on the store writer's
 * connection, reads on the read connection unless a writer connection is passed.
 */
final class BookingStore {
    private static final String COLUMNS = "id, kind, resource_id, zone_id, patron_id, holder, start_at, end_at,"
            + " grace_until, state, reason, join_code, min_group, checked_in_at, check_in_source, presence_at,"
            + " leaves_used, leave_until, report_due, pushed, created";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM reservations";
    static final String LIVE = "state IN ('forming', 'booked', 'checked_in')";

    private final Database database;

    BookingStore(Database database) {
        this.database = database;
    }

    void insert(Connection c, Booking b) throws SQLException {
        String sql = "INSERT INTO reservations (" + COLUMNS + ", updated) VALUES"
                + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, b.id());
            s.setString(2, b.kind().wire());
            s.setString(3, b.resourceId());
            s.setString(4, b.zoneId());
            s.setString(5, b.patronId());
            s.setString(6, b.holder().orElse(null));
            s.setLong(7, b.start().toEpochMilli());
            s.setLong(8, b.end().toEpochMilli());
            s.setLong(9, b.graceUntil().toEpochMilli());
            s.setString(10, b.state().wire());
            s.setString(11, b.reason().orElse(null));
            s.setString(12, b.joinCode().orElse(null));
            s.setInt(13, b.minGroup());
            millis(s, 14, b.checkedInAt());
            s.setString(15, b.checkInSource().orElse(null));
            millis(s, 16, b.presenceAt());
            s.setInt(17, b.leavesUsed());
            millis(s, 18, b.leaveUntil());
            millis(s, 19, b.reportDue());
            s.setInt(20, b.pushed() ? 1 : 0);
            s.setLong(21, b.created().toEpochMilli());
            s.setLong(22, b.created().toEpochMilli());
            s.executeUpdate();
        }
    }

    /** Sets the named columns of one booking; values are Instants, Strings, Integers or {@code null}. */
    void set(Connection c, String id, Instant now, String columns, Object... values) throws SQLException {
        StringBuilder sql = new StringBuilder("UPDATE reservations SET updated = ?");
        for (String column : columns.split(",")) {
            sql.append(", ").append(column.strip()).append(" = ?");
        }
        sql.append(" WHERE id = ?");
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            s.setLong(1, now.toEpochMilli());
            int i = 2;
            for (Object v : values) {
                switch (v) {
                    case null -> s.setNull(i, Types.NULL);
                    case Instant t -> s.setLong(i, t.toEpochMilli());
                    case Integer n -> s.setInt(i, n);
                    case Booking.State st -> s.setString(i, st.wire());
                    default -> s.setString(i, v.toString());
                }
                i++;
            }
            s.setString(i, id);
            s.executeUpdate();
        }
    }

    Optional<Booking> find(Connection c, String id) throws SQLException {
        return query(c, SELECT + " WHERE id = ?", id).stream().findFirst();
    }

    Optional<Booking> find(String id) throws SQLException {
        return database.read(c -> find(c, id));
    }

    /** Live bookings of a seat or room that overlap {@code [from, to)}. */
    List<Booking> liveOverlapping(Connection c, String resourceId, Instant from, Instant to) throws SQLException {
        return query(
                c,
                SELECT + " WHERE resource_id = ? AND " + LIVE + " AND start_at < ? AND end_at > ? ORDER BY start_at",
                resourceId,
                to.toEpochMilli(),
                from.toEpochMilli());
    }

    /** A patron's live bookings that overlap {@code [from, to)}. */
    List<Booking> liveOfPatron(Connection c, String patronId, Instant from, Instant to) throws SQLException {
        return query(
                c,
                SELECT + " WHERE patron_id = ? AND " + LIVE + " AND start_at < ? AND end_at > ? ORDER BY start_at",
                patronId,
                to.toEpochMilli(),
                from.toEpochMilli());
    }

    /** Every live booking the patron made, whenever it is. */
    List<Booking> liveOfPatron(Connection c, String patronId) throws SQLException {
        return query(c, SELECT + " WHERE patron_id = ? AND " + LIVE + " ORDER BY start_at", patronId);
    }

    /** The live room bookings of others that the patron joined. */
    List<Booking> liveJoinedBy(Connection c, String patronId) throws SQLException {
        return query(
                c,
                SELECT + " WHERE patron_id <> ? AND " + LIVE
                        + " AND id IN (SELECT reservation_id FROM reservation_members WHERE patron_id = ?)"
                        + " ORDER BY start_at",
                patronId,
                patronId);
    }

    /** Live bookings with a deadline at or before {@code now}, or a seat push that is due. */
    List<Booking> due(Connection c, Instant now) throws SQLException {
        long t = now.toEpochMilli();
        return query(
                c,
                SELECT + " WHERE " + LIVE + " AND ((state IN ('forming', 'booked') AND grace_until <= ?)"
                        + " OR leave_until <= ? OR report_due <= ? OR end_at <= ?"
                        + " OR (kind = 'seat' AND pushed = 0 AND start_at <= ?)) ORDER BY start_at",
                t,
                t,
                t,
                t,
                t);
    }

    /**
     * Room bookings started and not over whose door's agent holds, or should hold, the room for the group:
     * live (forming, complete or checked in), or reserved at the door before ({@code pushed}).
     */
    List<Booking> roomsAtTheirDoor(Connection c, Instant now) throws SQLException {
        long t = now.toEpochMilli();
        return query(
                c,
                SELECT + " WHERE kind = 'room' AND start_at <= ? AND end_at > ?"
                        + " AND (state IN ('forming', 'booked', 'checked_in') OR pushed = 1) ORDER BY start_at",
                t,
                t);
    }

    /** The live booking with this join code. */
    Optional<Booking> byJoinCode(Connection c, String code) throws SQLException {
        return query(c, SELECT + " WHERE join_code = ? AND " + LIVE, code).stream()
                .findFirst();
    }

    /** Bookings ending at or after {@code since} on a seat, newest first (to match a seat's events). */
    List<Booking> recentOn(Connection c, String resourceId, Instant since) throws SQLException {
        return query(
                c,
                SELECT + " WHERE resource_id = ? AND end_at >= ? ORDER BY start_at DESC LIMIT 20",
                resourceId,
                since.toEpochMilli());
    }

    /** Staff search: any of patron, resource and state, newest first. */
    List<Booking> search(Optional<String> patron, Optional<String> resource, Optional<String> state, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder(SELECT + " WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        patron.ifPresent(p -> {
            sql.append(" AND patron_id = ?");
            args.add(p);
        });
        resource.ifPresent(r -> {
            sql.append(" AND resource_id = ?");
            args.add(r);
        });
        state.ifPresent(s -> {
            sql.append(" AND state = ?");
            args.add(s);
        });
        sql.append(" ORDER BY start_at DESC LIMIT ?");
        args.add(limit);
        return database.read(c -> query(c, sql.toString(), args.toArray()));
    }

    List<Booking> ofPatron(Connection c, String patronId, int limit) throws SQLException {
        return query(
                c,
                SELECT + " WHERE patron_id = ? OR id IN (SELECT reservation_id FROM reservation_members"
                        + " WHERE patron_id = ?) ORDER BY start_at DESC LIMIT ?",
                patronId,
                patronId,
                limit);
    }

    void addMember(Connection c, String id, String patronId, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO reservation_members (reservation_id, patron_id, joined) VALUES (?, ?, ?)"
                        + " ON CONFLICT DO NOTHING")) {
            s.setString(1, id);
            s.setString(2, patronId);
            s.setLong(3, now.toEpochMilli());
            s.executeUpdate();
        }
    }

    void removeMember(Connection c, String id, String patronId) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("DELETE FROM reservation_members WHERE reservation_id = ? AND patron_id = ?")) {
            s.setString(1, id);
            s.setString(2, patronId);
            s.executeUpdate();
        }
    }

    List<String> members(Connection c, String id) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT patron_id FROM reservation_members WHERE reservation_id = ? ORDER BY joined")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    static List<Booking> query(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<Booking> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        }
    }

    private static Booking row(ResultSet rs) throws SQLException {
        return new Booking(
                rs.getString(1),
                Booking.Kind.valueOf(rs.getString(2).toUpperCase(java.util.Locale.ROOT)),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                Optional.ofNullable(rs.getString(6)),
                Instant.ofEpochMilli(rs.getLong(7)),
                Instant.ofEpochMilli(rs.getLong(8)),
                Instant.ofEpochMilli(rs.getLong(9)),
                Booking.State.of(rs.getString(10)),
                Optional.ofNullable(rs.getString(11)),
                Optional.ofNullable(rs.getString(12)),
                rs.getInt(13),
                instant(rs, 14),
                Optional.ofNullable(rs.getString(15)),
                instant(rs, 16),
                rs.getInt(17),
                instant(rs, 18),
                instant(rs, 19),
                rs.getInt(20) == 1,
                Instant.ofEpochMilli(rs.getLong(21)));
    }

    static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
    }

    static void millis(PreparedStatement s, int i, Optional<Instant> t) throws SQLException {
        if (t.isPresent()) {
            s.setLong(i, t.get().toEpochMilli());
        } else {
            s.setNull(i, Types.INTEGER);
        }
    }
}
