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

/** The {@code library_events} and {@code event_registrations} tables (V51); every method runs on a given connection. */
final class EventStore {
    /** A patron's registration; {@code position} counts from 1 on the waitlist, 0 for a place. */
    record Registration(
            String eventId,
            String patronId,
            String state,
            int position,
            Instant registeredAt,
            Optional<Instant> checkedInAt,
            Optional<String> checkedInBy) {
        boolean hasPlace() {
            return state.equals(PLACE);
        }
    }

    /** How full an event is. */
    record Counts(int places, int waitlist, int checkedIn) {}

    static final String PLACE = "place";
    static final String WAITLIST = "waitlist";

    private static final String COLUMNS = "id, title, kind, zone_id, starts_at, ends_at, capacity, "
            + "registration_opens, registration_closes, cancelled_at";

    void write(Connection c, LibraryEvent e, Instant now) throws SQLException {
        String sql = "INSERT INTO library_events (" + COLUMNS + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET title = excluded.title, kind = excluded.kind,"
                + " zone_id = excluded.zone_id, starts_at = excluded.starts_at, ends_at = excluded.ends_at,"
                + " capacity = excluded.capacity, registration_opens = excluded.registration_opens,"
                + " registration_closes = excluded.registration_closes, cancelled_at = excluded.cancelled_at,"
                + " updated_at = excluded.updated_at";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, e.id());
            s.setString(2, e.title());
            s.setString(3, e.kind().wire());
            s.setString(4, e.zone());
            s.setLong(5, e.startsAt().toEpochMilli());
            s.setLong(6, e.endsAt().toEpochMilli());
            s.setInt(7, e.capacity());
            s.setLong(8, e.registrationOpens().toEpochMilli());
            s.setLong(9, e.registrationCloses().toEpochMilli());
            if (e.cancelledAt().isPresent()) {
                s.setLong(10, e.cancelledAt().get().toEpochMilli());
            } else {
                s.setNull(10, Types.INTEGER);
            }
            s.setLong(11, now.toEpochMilli());
            s.executeUpdate();
        }
    }

    Optional<LibraryEvent> find(Connection c, String id) throws SQLException {
        List<LibraryEvent> found = select(c, "WHERE id = ?", id);
        return found.stream().findFirst();
    }

    /** Events that end after {@code from} and start before {@code to}, by start. */
    List<LibraryEvent> between(Connection c, Instant from, Instant to) throws SQLException {
        return select(
                c,
                "WHERE ends_at > ? AND starts_at < ? ORDER BY starts_at, id",
                from.toEpochMilli(),
                to.toEpochMilli());
    }

    private static List<LibraryEvent> select(Connection c, String where, Object... args) throws SQLException {
        List<LibraryEvent> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM library_events " + where)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long cancelled = rs.getLong(10);
                    boolean running = rs.wasNull();
                    out.add(new LibraryEvent(
                            rs.getString(1),
                            rs.getString(2),
                            LibraryEvent.Kind.parse(rs.getString(3)),
                            rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5)),
                            Instant.ofEpochMilli(rs.getLong(6)),
                            rs.getInt(7),
                            Instant.ofEpochMilli(rs.getLong(8)),
                            Instant.ofEpochMilli(rs.getLong(9)),
                            running ? Optional.empty() : Optional.of(Instant.ofEpochMilli(cancelled))));
                }
            }
        }
        return out;
    }

    Counts counts(Connection c, String eventId) throws SQLException {
        String sql = "SELECT coalesce(sum(state = 'place'), 0), coalesce(sum(state = 'waitlist'), 0),"
                + " count(checked_in_at) FROM event_registrations WHERE event_id = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Counts(rs.getInt(1), rs.getInt(2), rs.getInt(3));
            }
        }
    }

    Optional<Registration> registration(Connection c, String eventId, String patronId) throws SQLException {
        return registrations(c, "WHERE r.event_id = ? AND r.patron_id = ?", eventId, patronId).stream()
                .findFirst();
    }

    /** An event's registrations: places first, then the waitlist in order. */
    List<Registration> registrations(Connection c, String eventId) throws SQLException {
        return registrations(c, "WHERE r.event_id = ?", eventId);
    }

    List<Registration> ofPatron(Connection c, String patronId) throws SQLException {
        return registrations(c, "WHERE r.patron_id = ?", patronId);
    }

    private static List<Registration> registrations(Connection c, String where, Object... args) throws SQLException {
        String sql = """
                SELECT r.event_id, r.patron_id, r.state,
                       CASE r.state WHEN 'waitlist' THEN (SELECT count(*) FROM event_registrations w
                            WHERE w.event_id = r.event_id AND w.state = 'waitlist' AND w.id <= r.id) ELSE 0 END,
                       r.registered_at, r.checked_in_at, r.checked_in_by
                FROM event_registrations r
                """ + where + " ORDER BY r.state, r.id";
        List<Registration> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long checkedIn = rs.getLong(6);
                    boolean none = rs.wasNull();
                    out.add(new Registration(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getInt(4),
                            Instant.ofEpochMilli(rs.getLong(5)),
                            none ? Optional.empty() : Optional.of(Instant.ofEpochMilli(checkedIn)),
                            Optional.ofNullable(rs.getString(7))));
                }
            }
        }
        return out;
    }

    void register(Connection c, String eventId, String patronId, String state, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO event_registrations (event_id, patron_id, state, registered_at) VALUES (?, ?, ?, ?)")) {
            s.setString(1, eventId);
            s.setString(2, patronId);
            s.setString(3, state);
            s.setLong(4, now.toEpochMilli());
            s.executeUpdate();
        }
    }

    void delete(Connection c, String eventId, String patronId) throws SQLException {
        update(c, "DELETE FROM event_registrations WHERE event_id = ? AND patron_id = ?", eventId, patronId);
    }

    /** Gives places to the first {@code n} on the waitlist; returns who got one. */
    List<String> promote(Connection c, String eventId, int n) throws SQLException {
        List<String> promoted = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT patron_id FROM event_registrations WHERE event_id = ? AND state = 'waitlist' ORDER BY id LIMIT ?")) {
            s.setString(1, eventId);
            s.setInt(2, Math.max(0, n));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    promoted.add(rs.getString(1));
                }
            }
        }
        for (String p : promoted) {
            update(
                    c,
                    "UPDATE event_registrations SET state = 'place' WHERE event_id = ? AND patron_id = ?",
                    eventId,
                    p);
        }
        return promoted;
    }

    void checkIn(Connection c, String eventId, String patronId, String by, Instant now) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("UPDATE event_registrations SET checked_in_at = ?, checked_in_by = ?"
                        + " WHERE event_id = ? AND patron_id = ? AND checked_in_at IS NULL")) {
            s.setLong(1, now.toEpochMilli());
            s.setString(2, by);
            s.setString(3, eventId);
            s.setString(4, patronId);
            s.executeUpdate();
        }
    }

    private static void update(Connection c, String sql, String a, String b) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, a);
            s.setString(2, b);
            s.executeUpdate();
        }
    }
}
