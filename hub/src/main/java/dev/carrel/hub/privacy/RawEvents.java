package dev.carrel.hub.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.patrons.SiteKey;
import dev.carrel.protocol.EventType;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The raw {@code events} table as patron data: every event whose {@code credential} or {@code patron} field
 * is one of the patron's credential hashes ({@link PatronHashes}).
 *
 * <p>Erasure <b>strips</b> the hash where the protocol makes it optional and the event still means something
 * without it: a {@code gate_passage} stays a passage (footfall and occupancy counts stay true), a {@code
 * seat_state_changed} a seat's state change (seat-use figures stay true) and a {@code feedback} a score
 * (satisfaction figures stay true), linked to nobody. Every other such event is <b>deleted</b>: in {@code
 * credential_presented}, {@code gate_decision}, {@code event_check_in} and {@code seat_violation} the hash is
 * required and the event is about the person (who tapped, who was refused, who came, who broke a rule:
 * evidence kept for appeals, pointless once nobody can appeal). An event type unknown here is deleted too. A
 * stripped body still decodes: the field is optional.
 *
 * <p>Finding the events reads every row's body ({@code json_extract}, no index, so ingest pays nothing):
 * an erasure is rare and runs in the writer's transaction.
 */
final class RawEvents implements PatronData {
    private static final Set<String> STRIPPED =
            Set.of(EventType.GATE_PASSAGE.wire(), EventType.SEAT_STATE_CHANGED.wire(), EventType.FEEDBACK.wire());

    private final SiteKey key;
    private final ObjectMapper json;

    RawEvents(SiteKey key, ObjectMapper json) {
        this.key = key;
        this.json = json;
    }

    /** One event as exported: the stored body, parsed. */
    record Row(String id, String agent, String type, Instant ts, Instant received, JsonNode body) {}

    @Override
    public String name() {
        return "events";
    }

    @Override
    public List<Row> export(Connection c, String patronId) throws SQLException {
        Set<String> hashes = PatronHashes.of(c, key, patronId);
        List<Row> out = new ArrayList<>();
        try (PreparedStatement s = matching(c, "id, agent_id, type, ts, received, body", hashes);
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new Row(
                        r.getString(1),
                        r.getString(2),
                        r.getString(3),
                        Instant.ofEpochMilli(r.getLong(4)),
                        Instant.ofEpochMilli(r.getLong(5)),
                        parse(r.getString(6))));
            }
        }
        return out;
    }

    @Override
    public void erase(Connection c, String patronId) throws SQLException {
        Set<String> hashes = PatronHashes.of(c, key, patronId);
        List<String> strip = new ArrayList<>();
        List<String> delete = new ArrayList<>();
        try (PreparedStatement s = matching(c, "id, type", hashes);
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                (STRIPPED.contains(r.getString(2)) ? strip : delete).add(r.getString(1));
            }
        }
        run(c, "UPDATE events SET body = json_remove(body, '$.credential', '$.patron') WHERE id = ?", strip);
        run(c, "DELETE FROM events WHERE id = ?", delete);
    }

    private static PreparedStatement matching(Connection c, String columns, Set<String> hashes) throws SQLException {
        String in = String.join(",", Collections.nCopies(hashes.size(), "?"));
        PreparedStatement s = c.prepareStatement("SELECT " + columns + " FROM events WHERE json_extract(body,"
                + " '$.credential') IN (" + in + ") OR json_extract(body, '$.patron') IN (" + in + ") ORDER BY ts, id");
        int i = 1;
        for (int round = 0; round < 2; round++) {
            for (String h : hashes) {
                s.setString(i++, h);
            }
        }
        return s;
    }

    private static void run(Connection c, String sql, List<String> ids) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (String id : ids) {
                s.setString(1, id);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private JsonNode parse(String body) throws SQLException {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new SQLException("a stored event body is not JSON", e);
        }
    }
}
