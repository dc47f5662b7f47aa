package dev.carrel.hub.reservations;

import dev.carrel.hub.reservations.Refused.Code;
import dev.carrel.hub.reservations.Violation.Appeal;
import dev.carrel.hub.reservations.Violation.Ban;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.InvalidFieldException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Violations as patrons and staff see them. A patron sees each of theirs and may appeal it once, with a
 * reason; staff see the evidence (what the booking, the seat's sensor and the gates recorded) and decide. An
 * accepted appeal voids the violation and lifts a ban it triggered.
 */
public final class Appeals {
    private final Parts parts;

    Appeals(Parts parts) {
        this.parts = parts;
    }

    /** A patron's violations and bans, newest first. */
    public record Record(List<Violation> violations, List<Ban> bans) {}

    public Record of(String patronId) throws SQLException {
        return parts.violations
                .database()
                .read(c -> new Record(parts.violations.ofPatron(c, patronId), parts.violations.bans(c, patronId)));
    }

    public Appeal appeal(String patronId, String violationId, String reason) throws SQLException {
        String text = reason.strip();
        if (text.isEmpty() || text.length() > 1000) {
            throw new InvalidFieldException("reason", "must be 1-1000 characters");
        }
        Appeal appeal = new Appeal(
                parts.ids.next().toString(),
                violationId,
                patronId,
                text,
                parts.clock.instant(),
                "pending",
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        parts.write("appeal of a violation", c -> {
            Violation v = parts.violations
                    .find(c, violationId)
                    .filter(x -> x.patronId().equals(patronId))
                    .orElseThrow(() -> new NoSuchElementException("no violation '" + violationId + "'"));
            if (v.appeal().isPresent()) {
                throw new Refused(Code.ALREADY_APPEALED, "this violation has been appealed already");
            }
            parts.violations.insertAppeal(c, appeal);
        });
        return appeal;
    }

    public List<Violation> search(Optional<String> patron, Optional<String> appealState, int limit)
            throws SQLException {
        return parts.violations.search(patron, appealState, limit);
    }

    /** Staff decide a pending appeal: {@code accept} voids the violation and lifts the ban it triggered. */
    public Violation decide(String appealId, boolean accept, String staff, String note) throws SQLException {
        String[] violation = {""};
        parts.write("decision on an appeal", c -> {
            Violation v = parts.violations
                    .byAppeal(c, appealId)
                    .orElseThrow(() -> new NoSuchElementException("no appeal '" + appealId + "'"));
            if (!parts.violations.decide(
                    c, appealId, accept ? "accepted" : "rejected", staff, parts.clock.instant(), note)) {
                throw new Refused(Code.NOT_LIVE, "this appeal has been decided already");
            }
            if (accept) {
                parts.violations.setState(c, v.id(), "voided");
                parts.violations.liftTriggeredBy(c, v.id());
            }
            violation[0] = v.id();
        });
        return parts.violations
                .database()
                .read(c -> parts.violations.find(c, violation[0]))
                .orElseThrow();
    }

    /**
     * What staff review: the violation, its booking, the seat's presence around it and the patron's gate
     * passages that day (read from the stored events by the patron's credential hashes), and the booking's
     * peer reports with their reporters.
     */
    public Map<String, Object> evidence(String violationId) throws SQLException {
        Violation v = parts.violations
                .database()
                .read(c -> parts.violations.find(c, violationId))
                .orElseThrow(() -> new NoSuchElementException("no violation '" + violationId + "'"));
        Optional<Booking> booking = v.reservationId().isPresent()
                ? parts.bookings.find(v.reservationId().get())
                : Optional.empty();
        Instant from = booking.map(Booking::start).orElse(v.at()).minus(Duration.ofHours(1));
        List<CredentialHash> hashes = parts.holders.hashesOf(v.patronId());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("violation", v);
        out.put("booking", booking);
        out.put("presence", parts.violations.database().read(c -> presence(c, v.seatId(), from, v.at())));
        out.put(
                "gate",
                parts.violations.database().read(c -> gate(c, hashes, v.at().minus(Duration.ofHours(24)), v.at())));
        // Staff see who reported the seat (the patron's own view of the violation does not name them).
        out.put(
                "reports",
                booking.isPresent()
                        ? parts.violations
                                .database()
                                .read(c -> PeerReports.of(c, v.reservationId().orElseThrow()))
                        : List.of());
        return out;
    }

    /** The seat's presence intervals that overlap {@code [from, to]}. */
    static List<Map<String, Object>> presence(Connection c, String seatId, Instant from, Instant to)
            throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT from_at, to_at FROM seat_presence WHERE seat_id = ?"
                + " AND from_at <= ? AND (to_at IS NULL OR to_at >= ?) ORDER BY from_at")) {
            s.setString(1, seatId);
            s.setLong(2, to.toEpochMilli());
            s.setLong(3, from.toEpochMilli());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("from", Instant.ofEpochMilli(rs.getLong(1)));
                    BookingStore.instant(rs, 2).ifPresent(t -> row.put("to", t));
                    out.add(row);
                }
            }
        }
        return out;
    }

    private static List<Map<String, Object>> gate(Connection c, List<CredentialHash> hashes, Instant from, Instant to)
            throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (CredentialHash hash : hashes) {
            try (PreparedStatement s = c.prepareStatement("SELECT agent_id, ts, body ->> '$.direction',"
                    + " body ->> '$.gateId' FROM events WHERE type = 'gate_passage' AND ts BETWEEN ? AND ?"
                    + " AND body ->> '$.credential' = ? ORDER BY ts")) {
                s.setLong(1, from.toEpochMilli());
                s.setLong(2, to.toEpochMilli());
                s.setString(3, hash.hex());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("agent", rs.getString(1));
                        row.put("at", Instant.ofEpochMilli(rs.getLong(2)));
                        row.put("direction", rs.getString(3));
                        row.put("gate", rs.getString(4));
                        out.add(row);
                    }
                }
            }
        }
        out.sort((a, b) -> ((Instant) a.get("at")).compareTo((Instant) b.get("at")));
        return out;
    }
}
