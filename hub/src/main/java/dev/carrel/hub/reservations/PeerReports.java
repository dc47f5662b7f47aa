package dev.carrel.hub.reservations;

import dev.carrel.hub.reservations.Booking.Kind;
import dev.carrel.hub.reservations.Booking.State;
import dev.carrel.hub.reservations.Refused.Code;
import dev.carrel.hub.spaces.SpaceModel;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.InvalidFieldException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Peer reports (LIBRARY.md, "peer report"): a patron in the library reports a seat that is taken but empty.
 * The holder then has {@code peer-report-window} to check in again at the seat (the seat's QR code, the desk
 * reader, or the seat's sensor seeing them); the booking's {@code report_due} is that deadline, and the
 * reservation sweep releases the seat past it ({@link Deadlines}). The reporter is kept for staff and never
 * shown to the holder.
 *
 * <p>Against abuse: only a checked-in booking not on leave, not the reporter's own, and not where the seat's
 * sensor sees someone now; one open report per booking; at most {@code peer-report-limit} reports per patron
 * an hour; and where the hub knows gate passages today, the reporter must have come in through a gate today.
 * The caller checks that the reporter is an admitted patron.
 */
public final class PeerReports {
    private final Parts parts;

    PeerReports(Parts parts) {
        this.parts = parts;
    }

    /** An accepted report: the seat and until when its holder has to check in again. */
    public record Report(String id, String seat, Instant due) {}

    /** A report as staff see it in a violation's evidence. */
    record Filed(String id, String reporterId, Instant at, Instant due, String outcome, Optional<String> settledBy) {}

    /** Files a report of {@code seatId} by {@code reporterId}; a refusal changes nothing. */
    public Report report(String reporterId, String seatId) throws SQLException {
        SpaceModel.Seat seat = parts.spaces
                .current()
                .seat(seatId)
                .orElseThrow(() -> new InvalidFieldException("seat", "no seat '" + seatId + "'"));
        List<CredentialHash> hashes = parts.holders.hashesOf(reporterId);
        Report[] made = new Report[1];
        parts.write("peer report of " + seatId, c -> {
            Instant now = parts.clock.instant();
            refuseAbuse(c, reporterId, hashes, seat.zoneId(), now);
            Booking b = reportable(c, seat, reporterId, now);
            Instant due = now.plus(parts.settings.rulesFor(b.zoneId()).peerReportWindow());
            made[0] = new Report(parts.ids.next().toString(), seatId, due);
            ViolationStore.update(
                    c,
                    "INSERT INTO peer_reports (id, seat_id, reservation_id, reporter_id, at, due, outcome)"
                            + " VALUES (?, ?, ?, ?, ?, ?, 'open')",
                    made[0].id(),
                    seatId,
                    b.id(),
                    reporterId,
                    now.toEpochMilli(),
                    due.toEpochMilli());
            parts.bookings.set(c, b.id(), now, "report_due", due);
        });
        return made[0];
    }

    private void refuseAbuse(Connection c, String reporterId, List<CredentialHash> hashes, String zoneId, Instant now)
            throws SQLException {
        int limit = parts.settings.peerReportLimit();
        long hourAgo = now.minus(Duration.ofHours(1)).toEpochMilli();
        if (count(c, "SELECT count(*) FROM peer_reports WHERE reporter_id = ? AND at > ?", reporterId, hourAgo)
                >= limit) {
            throw new Refused(Code.REPORT_LIMIT, "at most " + limit + " reports an hour");
        }
        ZoneId tz = parts.calendar.timezone(zoneId);
        long midnight =
                now.atZone(tz).toLocalDate().atStartOfDay(tz).toInstant().toEpochMilli();
        // Without any gate passage today the hub cannot tell (no gates, or none reporting): nothing to ask for.
        boolean gatesReport =
                count(c, "SELECT count(*) FROM events WHERE type = 'gate_passage' AND ts >= ?", midnight) > 0;
        if (gatesReport && !entered(c, hashes, midnight)) {
            throw new Refused(Code.NO_GATE_ENTRY, "only a patron who came in through a gate today can report a seat");
        }
    }

    /** One of the patron's credentials came in through a gate since {@code midnight}. */
    private static boolean entered(Connection c, List<CredentialHash> hashes, long midnight) throws SQLException {
        for (CredentialHash hash : hashes) {
            String sql = "SELECT count(*) FROM events WHERE type = 'gate_passage' AND ts >= ?"
                    + " AND body ->> '$.direction' = 'in' AND body ->> '$.credential' = ?";
            if (count(c, sql, midnight, hash.hex()) > 0) {
                return true;
            }
        }
        return false;
    }

    /** The seat's checked-in booking, if the rules let it be reported now. */
    private Booking reportable(Connection c, SpaceModel.Seat seat, String reporterId, Instant now) throws SQLException {
        Booking b = parts.bookings.liveOverlapping(c, seat.id(), now, now.plusMillis(1)).stream()
                .filter(x -> x.kind() == Kind.SEAT && x.state() == State.CHECKED_IN)
                .findFirst()
                .orElseThrow(() -> new Refused(Code.NOT_REPORTABLE, "nobody has checked in at this seat now"));
        if (b.patronId().equals(reporterId)) {
            throw new Refused(Code.OWN_SEAT, "this is your own booking");
        }
        if (b.leaveUntil().isPresent()) {
            throw new Refused(Code.ON_LEAVE, "the seat's holder is on a temporary leave");
        }
        if (b.reportDue().isPresent()) {
            throw new Refused(Code.ALREADY_REPORTED, "this seat has been reported already");
        }
        if (seat.sensor().isPresent() && SeatEvents.presentNow(c, seat.id())) {
            throw new Refused(Code.SEAT_OCCUPIED, "the seat's sensor sees someone there now");
        }
        return b;
    }

    /** The holder is back at the seat ({@code how}: seat_qr, presence, or the seat's check-in cause). */
    static void confirm(Connection c, BookingStore bookings, Booking b, String how, Instant now) throws SQLException {
        bookings.set(c, b.id(), now, "report_due", (Object) null);
        settle(c, b, "confirmed", how, now);
    }

    /** The deadline passed: the sweep released the seat. */
    static void released(Connection c, Booking b, Instant now) throws SQLException {
        settle(c, b, "released", "sweep", now);
    }

    private static void settle(Connection c, Booking b, String outcome, String by, Instant now) throws SQLException {
        ViolationStore.update(
                c,
                "UPDATE peer_reports SET outcome = ?, settled_at = ?, settled_by = ?"
                        + " WHERE reservation_id = ? AND outcome = 'open'",
                outcome,
                now.toEpochMilli(),
                by,
                b.id());
    }

    /** The booking's reports, oldest first, for staff (with the reporter). */
    static List<Filed> of(Connection c, String reservationId) throws SQLException {
        List<Filed> out = new java.util.ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, reporter_id, at, due, outcome, settled_by"
                + " FROM peer_reports WHERE reservation_id = ? ORDER BY at")) {
            s.setString(1, reservationId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Filed(
                            rs.getString(1),
                            rs.getString(2),
                            Instant.ofEpochMilli(rs.getLong(3)),
                            Instant.ofEpochMilli(rs.getLong(4)),
                            rs.getString(5),
                            Optional.ofNullable(rs.getString(6))));
                }
            }
        }
        return out;
    }

    private static int count(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }
}
