package dev.carrel.hub.reservations;

import dev.carrel.hub.privacy.PatronData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A patron's bookings, room memberships, violations, appeals, bans, long-term seats and the peer reports they
 * filed: exported as rows, erased whole. Seat presence is about seats, not patrons, and stays. The erasure
 * {@code Privacy} runs also frees what the patron held at the agents ({@link ErasurePush}), before the rows
 * that say what it was are deleted.
 */
final class ReservationPatronData implements PatronData {
    private static final Map<String, String> TABLES = tables();

    private final ErasurePush agents;

    ReservationPatronData(ErasurePush agents) {
        this.agents = agents;
    }

    private static Map<String, String> tables() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("bookings", "SELECT * FROM reservations WHERE patron_id = ? ORDER BY start_at");
        t.put("roomMemberships", "SELECT * FROM reservation_members WHERE patron_id = ? ORDER BY joined");
        t.put("violations", "SELECT * FROM reservation_violations WHERE patron_id = ? ORDER BY at");
        t.put("appeals", "SELECT * FROM reservation_appeals WHERE patron_id = ? ORDER BY created");
        t.put("bans", "SELECT * FROM reservation_bans WHERE patron_id = ? ORDER BY from_at");
        t.put("longTermSeats", "SELECT * FROM long_term_seats WHERE patron_id = ? ORDER BY from_at");
        // The reports the patron filed; reports of their seats would name other patrons, so they are not exported.
        t.put("peerReports", "SELECT * FROM peer_reports WHERE reporter_id = ? ORDER BY at");
        return t;
    }

    @Override
    public String name() {
        return "reservations";
    }

    @Override
    public Object export(Connection c, String patronId) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : TABLES.entrySet()) {
            out.put(e.getKey(), rows(c, e.getValue(), patronId));
        }
        return out;
    }

    @Override
    public void erase(Connection c, String patronId, List<Runnable> afterCommit) throws SQLException {
        agents.release(c, patronId, afterCommit);
        erase(c, patronId);
    }

    /** The rows only: the agents are not told (see the erasure with {@code afterCommit}, which calls this). */
    @Override
    public void erase(Connection c, String patronId) throws SQLException {
        ViolationStore.update(c, "DELETE FROM reservation_appeals WHERE patron_id = ?", patronId);
        ViolationStore.update(c, "DELETE FROM reservation_bans WHERE patron_id = ?", patronId);
        ViolationStore.update(c, "DELETE FROM reservation_violations WHERE patron_id = ?", patronId);
        ViolationStore.update(c, "DELETE FROM reservation_members WHERE patron_id = ?", patronId);
        ViolationStore.update(
                c,
                "DELETE FROM reservation_members WHERE reservation_id IN"
                        + " (SELECT id FROM reservations WHERE patron_id = ?)",
                patronId);
        ViolationStore.update(c, "DELETE FROM peer_reports WHERE reporter_id = ?", patronId);
        ViolationStore.update(
                c,
                "DELETE FROM peer_reports WHERE reservation_id IN (SELECT id FROM reservations WHERE patron_id = ?)",
                patronId);
        ViolationStore.update(c, "DELETE FROM reservations WHERE patron_id = ?", patronId);
        ViolationStore.update(c, "DELETE FROM long_term_seats WHERE patron_id = ?", patronId);
    }

    private static List<Map<String, Object>> rows(Connection c, String sql, String patronId) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, patronId);
            try (ResultSet rs = s.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i), rs.getObject(i));
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }
}
