package dev.carrel.hub.engagement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code volunteer_shifts} and {@code volunteer_signups} tables (V52), on a given connection. */
final class ShiftStore {
    /** A patron's sign-up for a shift, with the checked-in time so far. */
    record Signup(
            String shiftId,
            String patronId,
            Instant signedUpAt,
            Optional<Instant> checkedInAt,
            Optional<Instant> checkedOutAt) {}

    /** A sign-up with its shift, for crediting hours. */
    record Worked(VolunteerShift shift, Signup signup) {}

    private static final String COLUMNS = "s.id, s.title, s.zone_id, s.starts_at, s.ends_at, s.slots, s.cancelled_at";

    void write(Connection c, VolunteerShift v, Instant now) throws SQLException {
        String sql =
                "INSERT INTO volunteer_shifts (id, title, zone_id, starts_at, ends_at, slots, cancelled_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET title = excluded.title,"
                        + " zone_id = excluded.zone_id, starts_at = excluded.starts_at, ends_at = excluded.ends_at,"
                        + " slots = excluded.slots, cancelled_at = excluded.cancelled_at, updated_at = excluded.updated_at";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, v.id());
            s.setString(2, v.title());
            s.setString(3, v.zone());
            s.setLong(4, v.startsAt().toEpochMilli());
            s.setLong(5, v.endsAt().toEpochMilli());
            s.setInt(6, v.slots());
            if (v.cancelledAt().isPresent()) {
                s.setLong(7, v.cancelledAt().get().toEpochMilli());
            } else {
                s.setNull(7, Types.INTEGER);
            }
            s.setLong(8, now.toEpochMilli());
            s.executeUpdate();
        }
    }

    Optional<VolunteerShift> find(Connection c, String id) throws SQLException {
        return shifts(c, "WHERE s.id = ?", id).stream().findFirst();
    }

    /** Shifts that end after {@code from} and start before {@code to}, by start. */
    List<VolunteerShift> between(Connection c, Instant from, Instant to) throws SQLException {
        return shifts(
                c,
                "WHERE s.ends_at > ? AND s.starts_at < ? ORDER BY s.starts_at, s.id",
                from.toEpochMilli(),
                to.toEpochMilli());
    }

    private static List<VolunteerShift> shifts(Connection c, String where, Object... args) throws SQLException {
        List<VolunteerShift> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM volunteer_shifts s " + where)) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(shift(rs, 1));
                }
            }
        }
        return out;
    }

    private static VolunteerShift shift(ResultSet rs, int at) throws SQLException {
        long cancelled = rs.getLong(at + 6);
        boolean running = rs.wasNull();
        return new VolunteerShift(
                rs.getString(at),
                rs.getString(at + 1),
                rs.getString(at + 2),
                Instant.ofEpochMilli(rs.getLong(at + 3)),
                Instant.ofEpochMilli(rs.getLong(at + 4)),
                rs.getInt(at + 5),
                running ? Optional.empty() : Optional.of(Instant.ofEpochMilli(cancelled)));
    }

    int signedUp(Connection c, String shiftId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM volunteer_signups WHERE shift_id = ?")) {
            s.setString(1, shiftId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    Optional<Signup> signup(Connection c, String shiftId, String patronId) throws SQLException {
        return signups(c, "WHERE shift_id = ? AND patron_id = ?", shiftId, patronId).stream()
                .findFirst();
    }

    List<Signup> ofPatron(Connection c, String patronId) throws SQLException {
        return signups(c, "WHERE patron_id = ? ORDER BY signed_up_at, shift_id", patronId);
    }

    void erase(Connection c, String patronId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM volunteer_signups WHERE patron_id = ?")) {
            s.setString(1, patronId);
            s.executeUpdate();
        }
    }

    List<Signup> signups(Connection c, String shiftId) throws SQLException {
        return signups(c, "WHERE shift_id = ? ORDER BY signed_up_at, patron_id", shiftId);
    }

    private static List<Signup> signups(Connection c, String where, Object... args) throws SQLException {
        String sql = "SELECT shift_id, patron_id, signed_up_at, checked_in_at, checked_out_at FROM volunteer_signups "
                + where;
        List<Signup> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(signup(rs, 1));
                }
            }
        }
        return out;
    }

    private static Signup signup(ResultSet rs, int at) throws SQLException {
        return new Signup(
                rs.getString(at),
                rs.getString(at + 1),
                Instant.ofEpochMilli(rs.getLong(at + 2)),
                optional(rs, at + 3),
                optional(rs, at + 4));
    }

    /** Checked-in sign-ups of shifts starting in {@code [from, to)}, of one patron or (empty) everyone. */
    List<Worked> worked(Connection c, Instant from, Instant to, Optional<String> patronId) throws SQLException {
        String sql =
                "SELECT " + COLUMNS + ", u.shift_id, u.patron_id, u.signed_up_at, u.checked_in_at, u.checked_out_at"
                        + " FROM volunteer_signups u JOIN volunteer_shifts s ON s.id = u.shift_id"
                        + " WHERE u.checked_in_at IS NOT NULL AND s.starts_at >= ? AND s.starts_at < ?"
                        + (patronId.isPresent() ? " AND u.patron_id = ?" : "") + " ORDER BY u.patron_id, s.starts_at";
        List<Worked> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, from.toEpochMilli());
            s.setLong(2, to.toEpochMilli());
            if (patronId.isPresent()) {
                s.setString(3, patronId.get());
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Worked(shift(rs, 1), signup(rs, 8)));
                }
            }
        }
        return out;
    }

    void signUp(Connection c, String shiftId, String patronId, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO volunteer_signups (shift_id, patron_id, signed_up_at) VALUES (?, ?, ?)")) {
            s.setString(1, shiftId);
            s.setString(2, patronId);
            s.setLong(3, now.toEpochMilli());
            s.executeUpdate();
        }
    }

    void withdraw(Connection c, String shiftId, String patronId) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("DELETE FROM volunteer_signups WHERE shift_id = ? AND patron_id = ?")) {
            s.setString(1, shiftId);
            s.setString(2, patronId);
            s.executeUpdate();
        }
    }

    /** Sets the check-in ({@code checked_in_at}) or check-out time. */
    void stamp(Connection c, String shiftId, String patronId, boolean in, Instant now) throws SQLException {
        String column = in ? "checked_in_at" : "checked_out_at";
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE volunteer_signups SET " + column + " = ? WHERE shift_id = ? AND patron_id = ?")) {
            s.setLong(1, now.toEpochMilli());
            s.setString(2, shiftId);
            s.setString(3, patronId);
            s.executeUpdate();
        }
    }

    private static Optional<Instant> optional(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
    }

    private static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
    }
}
