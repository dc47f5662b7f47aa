package dev.carrel.hub.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Runs a read with positional parameters and hands each result row on. */
final class Rows {
    private Rows() {}

    interface Each {
        void row(ResultSet r) throws SQLException;
    }

    static void each(Connection c, String sql, List<Object> params, Each each) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    each.row(r);
                }
            }
        }
    }

    /** Hours with two decimals, from milliseconds. */
    static double hours(long millis) {
        return Math.round(millis / 36_000.0) / 100.0;
    }

    /** Minutes with one decimal, from milliseconds. */
    static double minutes(long millis) {
        return Math.round(millis / 6_000.0) / 10.0;
    }

    /** {@code part / whole} with four decimals, or null when there is no whole. */
    static Double ratio(double part, double whole) {
        return whole <= 0 ? null : Math.round(part / whole * 10_000.0) / 10_000.0;
    }
}
