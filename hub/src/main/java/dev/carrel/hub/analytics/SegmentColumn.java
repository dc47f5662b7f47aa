package dev.carrel.hub.analytics;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/**
 * A column another feature adds to the patron segments (reservations: {@code bookings}; engagement:
 * {@code satisfaction}), registered with {@link Analytics#addSegmentColumn}. It answers per patron id for a
 * range; analytics groups the answers by the patron's group and college. Until a feature registers a column
 * of that name, the segments carry it as {@code null}.
 */
public interface SegmentColumn {

    /** The column's name in the segments table: {@code bookings}, {@code satisfaction}, ... */
    String name();

    /** A patron's sum and count in the range; the column shows the sum, or the mean when {@link #mean()}. */
    record Sample(double sum, long count) {}

    /** Whether the column is a mean (satisfaction) rather than a total (bookings). */
    boolean mean();

    /** Per patron id, for {@code [from, to)}; runs on the read connection. */
    Map<String, Sample> byPatron(Connection c, Instant from, Instant to) throws SQLException;
}
