package dev.carrel.hub.analytics;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/**
 * A column another feature adds to the patron segments (reservations: {@code bookings}), registered with
 * {@link Analytics#addSegmentColumn}. It answers per patron group and college for a range; analytics adds the
 * answers up as the segments are grouped. Until a feature registers a column of that name, the segments carry
 * it as {@code null}. {@code satisfaction} is registered by analytics itself, from the kiosk feedback.
 */
public interface SegmentColumn {

    /** The column's name in the segments table: {@code bookings}, {@code satisfaction}, ... */
    String name();

    /** Whether the column is a mean (satisfaction) rather than a total (bookings). */
    boolean mean();

    /** A segment: a patron group ({@code unknown} for none) and a college ({@code ""} for none). */
    record Segment(String group, String college) {}

    /** A segment's sum and count in the range; the column shows the sum, or the mean when {@link #mean()}. */
    record Sample(double sum, long count) {}

    /** Per segment, for {@code [from, to)}; runs on the read connection. */
    Map<Segment, Sample> bySegment(Connection c, Instant from, Instant to) throws SQLException;
}
