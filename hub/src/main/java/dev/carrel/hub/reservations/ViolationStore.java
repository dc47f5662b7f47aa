package dev.carrel.hub.reservations;

import dev.carrel.hub.reservations.Violation.Appeal;
import dev.carrel.hub.reservations.Violation.Ban;
import dev.carrel.hub.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code reservation_violations}, {@code reservation_appeals} and {@code reservation_bans} tables. */
final class ViolationStore {
    private static final String SELECT = "SELECT v.id, v.patron_id, v.reservation_id, v.seat_id, v.kind, v.source,"
            + " v.at, v.exam, v.evidence, v.state, a.id, a.reason, a.created, a.state, a.decided_by, a.decided_at,"
            + " a.note FROM reservation_violations v LEFT JOIN reservation_appeals a ON a.violation_id = v.id";
    private static final String BANS = "SELECT id, patron_id, from_at, until_at, violations, exam, repeated,"
            + " trigger_id, lifted FROM reservation_bans";

    private final Database database;

    ViolationStore(Database database) {
        this.database = database;
    }

    Database database() {
        return database;
    }

    /** Stores a violation; false when its booking already has one (the hub and the agent both saw it). */
    boolean insert(Connection c, Violation v) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO reservation_violations (id, patron_id,"
                + " reservation_id, seat_id, kind, source, at, exam, evidence, state)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            s.setString(1, v.id());
            s.setString(2, v.patronId());
            s.setString(3, v.reservationId().orElse(null));
            s.setString(4, v.seatId());
            s.setString(5, v.kind());
            s.setString(6, v.source());
            s.setLong(7, v.at().toEpochMilli());
            s.setInt(8, v.exam() ? 1 : 0);
            s.setString(9, v.evidence());
            s.setString(10, v.state());
            return s.executeUpdate() == 1;
        }
    }

    /** Counted violations of a patron after {@code after} (exclusive) up to {@code upTo} (inclusive). */
    int counted(Connection c, String patronId, Instant after, Instant upTo) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM reservation_violations"
                + " WHERE patron_id = ? AND state = 'counted' AND at > ? AND at <= ?")) {
            s.setString(1, patronId);
            s.setLong(2, after.toEpochMilli());
            s.setLong(3, upTo.toEpochMilli());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    Optional<Violation> find(Connection c, String id) throws SQLException {
        return violations(c, SELECT + " WHERE v.id = ?", id).stream().findFirst();
    }

    List<Violation> ofPatron(Connection c, String patronId) throws SQLException {
        return violations(c, SELECT + " WHERE v.patron_id = ? ORDER BY v.at DESC", patronId);
    }

    List<Violation> search(Optional<String> patron, Optional<String> appealState, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder(SELECT + " WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        patron.ifPresent(p -> {
            sql.append(" AND v.patron_id = ?");
            args.add(p);
        });
        appealState.ifPresent(a -> {
            sql.append(" AND a.state = ?");
            args.add(a);
        });
        sql.append(" ORDER BY v.at DESC LIMIT ?");
        args.add(limit);
        return database.read(c -> violations(c, sql.toString(), args.toArray()));
    }

    void setState(Connection c, String id, String state) throws SQLException {
        update(c, "UPDATE reservation_violations SET state = ? WHERE id = ?", state, id);
    }

    void insertAppeal(Connection c, Appeal a) throws SQLException {
        update(
                c,
                "INSERT INTO reservation_appeals (id, violation_id, patron_id, reason, created, state)"
                        + " VALUES (?, ?, ?, ?, ?, 'pending')",
                a.id(),
                a.violationId(),
                a.patronId(),
                a.reason(),
                a.created().toEpochMilli());
    }

    /** Decides a pending appeal; false when it was not pending. */
    boolean decide(Connection c, String appealId, String state, String by, Instant at, String note)
            throws SQLException {
        return update(
                        c,
                        "UPDATE reservation_appeals SET state = ?, decided_by = ?, decided_at = ?, note = ?"
                                + " WHERE id = ? AND state = 'pending'",
                        state,
                        by,
                        at.toEpochMilli(),
                        note,
                        appealId)
                == 1;
    }

    /** The violation an appeal is about. */
    Optional<Violation> byAppeal(Connection c, String appealId) throws SQLException {
        return violations(c, SELECT + " WHERE a.id = ?", appealId).stream().findFirst();
    }

    void insertBan(Connection c, Ban b, Instant now) throws SQLException {
        update(
                c,
                "INSERT INTO reservation_bans (id, patron_id, from_at, until_at, violations, exam, repeated,"
                        + " trigger_id, lifted, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
                b.id(),
                b.patronId(),
                b.from().toEpochMilli(),
                b.until().toEpochMilli(),
                b.violations(),
                b.exam() ? 1 : 0,
                b.repeated() ? 1 : 0,
                b.triggerId(),
                now.toEpochMilli());
    }

    /** Lifts the bans a voided violation triggered. */
    void liftTriggeredBy(Connection c, String violationId) throws SQLException {
        update(c, "UPDATE reservation_bans SET lifted = 1 WHERE trigger_id = ?", violationId);
    }

    /** The patron's bans that are not lifted, newest first. */
    List<Ban> bans(Connection c, String patronId) throws SQLException {
        List<Ban> out = new ArrayList<>();
        try (PreparedStatement s =
                c.prepareStatement(BANS + " WHERE patron_id = ? AND lifted = 0 ORDER BY from_at DESC")) {
            s.setString(1, patronId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Ban(
                            rs.getString(1),
                            rs.getString(2),
                            Instant.ofEpochMilli(rs.getLong(3)),
                            Instant.ofEpochMilli(rs.getLong(4)),
                            rs.getInt(5),
                            rs.getInt(6) == 1,
                            rs.getInt(7) == 1,
                            rs.getString(8),
                            rs.getInt(9) == 1));
                }
            }
        }
        return out;
    }

    /** The ban in force at {@code now}, if any. */
    Optional<Ban> activeBan(Connection c, String patronId, Instant now) throws SQLException {
        return bans(c, patronId).stream()
                .filter(b -> !now.isBefore(b.from()) && now.isBefore(b.until()))
                .findFirst();
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        }
    }

    private static List<Violation> violations(Connection c, String sql, Object... args) throws SQLException {
        List<Violation> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Optional<Appeal> appeal = rs.getString(11) == null
                            ? Optional.empty()
                            : Optional.of(new Appeal(
                                    rs.getString(11),
                                    rs.getString(1),
                                    rs.getString(2),
                                    rs.getString(12),
                                    Instant.ofEpochMilli(rs.getLong(13)),
                                    rs.getString(14),
                                    Optional.ofNullable(rs.getString(15)),
                                    BookingStore.instant(rs, 16),
                                    Optional.ofNullable(rs.getString(17))));
                    out.add(new Violation(
                            rs.getString(1),
                            rs.getString(2),
                            Optional.ofNullable(rs.getString(3)),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            Instant.ofEpochMilli(rs.getLong(7)),
                            rs.getInt(8) == 1,
                            rs.getString(9),
                            rs.getString(10),
                            appeal));
                }
            }
        }
        return out;
    }
}
