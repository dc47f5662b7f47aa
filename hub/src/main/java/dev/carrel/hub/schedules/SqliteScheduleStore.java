package dev.carrel.hub.schedules;

import dev.carrel.hub.spaces.Committed;
import dev.carrel.hub.store.Database;
import dev.carrel.hub.store.StoreWriter;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Schedules in {@code schedules}, runs in {@code schedule_runs}. */
public final class SqliteScheduleStore implements ScheduleStore {
    private final Database database;
    private final StoreWriter writer;

    public SqliteScheduleStore(Database database, StoreWriter writer) {
        this.database = database;
        this.writer = writer;
    }

    @Override
    public Map<String, String> all() throws SQLException {
        return database.read(c -> {
            Map<String, String> out = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT building_id, spec FROM schedules ORDER BY 1");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        });
    }

    @Override
    public Optional<String> find(String building) throws SQLException {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT spec FROM schedules WHERE building_id = ?")) {
                s.setString(1, building);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void save(String building, String spec, Instant now) throws SQLException {
        Committed.write(writer, "schedule of " + building, c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO schedules (building_id, spec, updated)"
                    + " VALUES (?, ?, ?) ON CONFLICT (building_id) DO UPDATE SET spec = excluded.spec,"
                    + " updated = excluded.updated")) {
                s.setString(1, building);
                s.setString(2, spec);
                s.setLong(3, now.toEpochMilli());
                s.executeUpdate();
            }
        });
    }

    @Override
    public boolean markRun(String building, LocalDate day, String action, Instant now) throws SQLException {
        boolean[] inserted = new boolean[1];
        Committed.write(writer, "schedule run " + action + " of " + building, c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO schedule_runs (building_id, day, action,"
                    + " ran_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                s.setString(1, building);
                s.setString(2, day.toString());
                s.setString(3, action);
                s.setLong(4, now.toEpochMilli());
                inserted[0] = s.executeUpdate() == 1;
            }
        });
        return inserted[0];
    }

    @Override
    public boolean ran(String building, LocalDate day, String action) throws SQLException {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT 1 FROM schedule_runs WHERE building_id = ? AND day = ? AND action = ?")) {
                s.setString(1, building);
                s.setString(2, day.toString());
                s.setString(3, action);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }
}
