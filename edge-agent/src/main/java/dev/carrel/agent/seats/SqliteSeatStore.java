package dev.carrel.agent.seats;

import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.SeatState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Seat sessions in a small SQLite file of their own. {@code synchronous=FULL}: a seat change is rare and
 * must survive a power cut (a lost leave deadline would hold a seat for ever), so each save is fsynced.
 */
public final class SqliteSeatStore implements SeatStore {
    private static final int SCHEMA = 3;

    private final Connection connection;

    public SqliteSeatStore(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                migrate(s);
            }
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot open the seat store " + file + ": " + e.getMessage(), e);
        }
    }

    private static void migrate(Statement s) throws SQLException {
        int version;
        try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            version = rs.getInt(1);
        }
        if (version > SCHEMA) {
            throw new SQLException("the seat store was written by a newer agent (schema " + version + ")");
        }
        if (version < 1) {
            s.execute("""
                    CREATE TABLE seats (
                        id            TEXT PRIMARY KEY,
                        state         TEXT NOT NULL,
                        patron        TEXT,
                        leaves_used   INTEGER NOT NULL,
                        confirmed     INTEGER NOT NULL,
                        deadline_kind TEXT,
                        deadline_at   INTEGER,
                        last_presence INTEGER
                    )""");
        }
        if (version < 2) {
            // A long-term hold outlives the sessions in it, so it has columns of its own.
            s.execute("ALTER TABLE seats ADD COLUMN hold_patron TEXT");
            s.execute("ALTER TABLE seats ADD COLUMN hold_until INTEGER");
        }
        if (version < 3) {
            // A room's seat reserved for its group: every member's credential, space-separated.
            s.execute("ALTER TABLE seats ADD COLUMN hold_members TEXT");
        }
        if (version < SCHEMA) {
            s.execute("PRAGMA user_version = " + SCHEMA);
        }
    }

    @Override
    public synchronized List<Seat> load() {
        List<Seat> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM seats")) {
            while (rs.next()) {
                out.add(read(rs));
            }
        } catch (SQLException | IllegalArgumentException e) {
            throw new IllegalStateException("the seat store is unreadable: " + e.getMessage(), e);
        }
        return out;
    }

    private static Seat read(ResultSet rs) throws SQLException {
        String kind = rs.getString("deadline_kind");
        long at = rs.getLong("deadline_at");
        Optional<Deadline> deadline = kind == null
                ? Optional.empty()
                : Optional.of(new Deadline(Deadline.Kind.valueOf(kind), Instant.ofEpochMilli(at)));
        long seen = rs.getLong("last_presence");
        Optional<Instant> lastPresence = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(seen));
        String holder = rs.getString("hold_patron");
        Optional<Hold> hold = holder == null
                ? Optional.empty()
                : Optional.of(new Hold(
                        new CredentialHash(holder),
                        Instant.ofEpochMilli(rs.getLong("hold_until")),
                        members(rs.getString("hold_members"))));
        return new Seat(
                rs.getString("id"),
                SeatState.valueOf(rs.getString("state")),
                Optional.ofNullable(rs.getString("patron")).map(CredentialHash::new),
                rs.getInt("leaves_used"),
                rs.getInt("confirmed") == 1,
                deadline,
                lastPresence,
                hold);
    }

    @Override
    public synchronized void save(Seat seat) {
        String sql = """
                INSERT OR REPLACE INTO seats
                    (id, state, patron, leaves_used, confirmed, deadline_kind, deadline_at, last_presence,
                     hold_patron, hold_until, hold_members)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            p.setString(1, seat.id());
            p.setString(2, seat.state().name());
            p.setString(3, seat.patron().map(CredentialHash::hex).orElse(null));
            p.setInt(4, seat.leavesUsed());
            p.setInt(5, seat.confirmed() ? 1 : 0);
            p.setString(6, seat.deadline().map(d -> d.kind().name()).orElse(null));
            if (seat.deadline().isPresent()) {
                p.setLong(7, seat.deadline().get().due().toEpochMilli());
            } else {
                p.setNull(7, Types.INTEGER);
            }
            if (seat.lastPresence().isPresent()) {
                p.setLong(8, seat.lastPresence().get().toEpochMilli());
            } else {
                p.setNull(8, Types.INTEGER);
            }
            p.setString(9, seat.hold().map(h -> h.holder().hex()).orElse(null));
            if (seat.hold().isPresent()) {
                p.setLong(10, seat.hold().get().until().toEpochMilli());
            } else {
                p.setNull(10, Types.INTEGER);
            }
            p.setString(
                    11,
                    seat.hold()
                            .filter(Hold::group)
                            .map(h -> String.join(
                                    " ",
                                    h.members().stream()
                                            .map(CredentialHash::hex)
                                            .toList()))
                            .orElse(null));
            p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot save seat " + seat.id() + ": " + e.getMessage(), e);
        }
    }

    private static List<CredentialHash> members(String text) {
        return text == null || text.isBlank()
                ? List.of()
                : Arrays.stream(text.split(" ")).map(CredentialHash::new).toList();
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }
}
