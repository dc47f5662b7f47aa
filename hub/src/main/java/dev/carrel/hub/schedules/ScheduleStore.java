package dev.carrel.hub.schedules;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/** Schedules per building, and the opening and closing actions already run. */
public interface ScheduleStore {

    Map<String, String> all() throws SQLException;

    Optional<String> find(String building) throws SQLException;

    void save(String building, String spec, Instant now) throws SQLException;

    /** Records that an action ran; false if it had run before for that building and day. */
    boolean markRun(String building, LocalDate day, String action, Instant now) throws SQLException;

    boolean ran(String building, LocalDate day, String action) throws SQLException;
}
