package dev.carrel.hub.spaces;

import java.sql.SQLException;
import java.util.Optional;

/** Where the space model lives between starts; SQLite today ({@link SqliteSpaceStore}), PostgreSQL later. */
public interface SpaceStore {

    /** The stored model, or empty if none was ever stored (the space file then seeds it). */
    Optional<SpaceModel> load() throws SQLException;

    /** Replaces the stored model with this one, atomically; returns once committed. */
    void save(SpaceModel model) throws SQLException;
}
