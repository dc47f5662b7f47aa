package dev.carrel.hub.engagement;

import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.Event;
import dev.carrel.protocol.EventBody;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code feedback} table (V50): rows written by ingest on the writer's connection, counts and listings
 * read on the read connection. A row holds the patron's group and college, never the patron.
 */
final class FeedbackLog {
    /** Whom a score counts under: a patron group (or {@code unknown}) and a college ({@code ""} if none). */
    record Who(String group, String college) {
        static final Who UNKNOWN = new Who(UNKNOWN_GROUP, "");
    }

    static final String UNKNOWN_GROUP = "unknown";

    /** One stored score, for the staff listing. */
    record Row(
            String id,
            Instant ts,
            String agent,
            String zone,
            String context,
            int score,
            String group,
            String college,
            Optional<String> comment) {}

    /** What a report groups by: the column and its name in the API. */
    enum By {
        ZONE("zone_id"),
        GROUP("patron_group");

        private final String column;

        By(String column) {
            this.column = column;
        }

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The group and college of the patron who holds this credential now, as the writer sees it. */
    Who who(Connection c, Optional<CredentialHash> credential) throws SQLException {
        if (credential.isEmpty()) {
            return Who.UNKNOWN;
        }
        String sql = """
                SELECT p.patron_group, p.college FROM patron_credentials k JOIN patrons p ON p.id = k.patron_id
                WHERE k.hash = ?
                """;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, credential.get().hex());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new Who(rs.getString(1), rs.getString(2)) : Who.UNKNOWN;
            }
        }
    }

    /** Stores one score; false when the event was stored before. */
    boolean append(Connection c, AgentId agent, Event event, EventBody.Feedback f, String zone, Who who)
            throws SQLException {
        String sql = """
                INSERT INTO feedback (id, agent_id, kiosk_id, zone_id, context, score, patron_group, college,
                                      comment, ts)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING
                """;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, event.id().toString());
            s.setString(2, agent.value());
            s.setString(3, f.kioskId());
            s.setString(4, zone);
            s.setString(5, f.context().name().toLowerCase(Locale.ROOT));
            s.setInt(6, f.score());
            s.setString(7, who.group());
            s.setString(8, who.college());
            if (f.comment().isPresent()) {
                s.setString(9, f.comment().get());
            } else {
                s.setNull(9, Types.VARCHAR);
            }
            s.setLong(10, event.ts().toEpochMilli());
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Removes the patron's credential from the raw event ingest has just stored in this transaction, so the
     * comment is never committed next to it (docs/engagement.md, "Feedback").
     */
    void forgetPatron(Connection c, Event event) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("UPDATE events SET body = json_remove(body, '$.patron') WHERE id = ?")) {
            s.setString(1, event.id().toString());
            s.executeUpdate();
        }
    }

    /** Scores per key in {@code [from, to)}: key → counts of scores 1..5 (index 0..4). */
    Map<String, long[]> counts(Connection c, By by, Instant from, Instant to) throws SQLException {
        String sql = "SELECT " + by.column + ", score, count(*) FROM feedback WHERE ts >= ? AND ts < ? GROUP BY "
                + by.column + ", score";
        Map<String, long[]> out = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, from.toEpochMilli());
            s.setLong(2, to.toEpochMilli());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new long[5])[rs.getInt(2) - 1] = rs.getLong(3);
                }
            }
        }
        return out;
    }

    /** The newest scores in {@code [from, to)}, newest first. */
    List<Row> list(Connection c, Instant from, Instant to, int limit) throws SQLException {
        String sql = """
                SELECT id, ts, agent_id, zone_id, context, score, patron_group, college, comment FROM feedback
                WHERE ts >= ? AND ts < ? ORDER BY ts DESC, id DESC LIMIT ?
                """;
        List<Row> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, from.toEpochMilli());
            s.setLong(2, to.toEpochMilli());
            s.setInt(3, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(
                            rs.getString(1),
                            Instant.ofEpochMilli(rs.getLong(2)),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getInt(6),
                            rs.getString(7),
                            rs.getString(8),
                            Optional.ofNullable(rs.getString(9))));
                }
            }
        }
        return out;
    }
}
