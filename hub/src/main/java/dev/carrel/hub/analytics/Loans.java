package dev.carrel.hub.analytics;

import dev.carrel.protocol.InvalidFieldException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Loan counts per patron and day, fed from the library system's circulation report (SIP2 answers only what a
 * patron holds now, not how many loans they made in a quarter). The CSV is {@code patron_id,date,loans} with that
 * header; a row replaces the count of its patron and day. The whole file is checked before anything is written.
 */
final class Loans {
    static final int MAX_ROWS = 1_000_000;

    record Row(String patronId, LocalDate day, long loans) {}

    private Loans() {}

    /** @throws InvalidFieldException naming the line and column of the first bad value */
    static List<Row> parse(String csv) {
        String[] lines = csv.replace("\r", "").split("\n");
        if (lines.length == 0 || !lines[0].strip().replace("\"", "").equalsIgnoreCase("patron_id,date,loans")) {
            throw new InvalidFieldException("header", "the first line must be 'patron_id,date,loans'");
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] f = lines[i].split(",", -1);
            String where = "line " + (i + 1);
            if (f.length != 3) {
                throw new InvalidFieldException(where, "must have 3 fields: patron_id,date,loans");
            }
            String patron = unquote(f[0]);
            if (patron.isEmpty() || patron.length() > 128) {
                throw new InvalidFieldException(where + " patron_id", "must be 1-128 characters");
            }
            LocalDate day;
            long loans;
            try {
                day = LocalDate.parse(unquote(f[1]));
            } catch (DateTimeParseException e) {
                throw new InvalidFieldException(
                        where + " date", "must be a date such as 2026-11-20, not '" + f[1] + "'");
            }
            try {
                loans = Long.parseLong(unquote(f[2]));
            } catch (NumberFormatException e) {
                loans = -1;
            }
            if (loans < 0 || loans > 100_000) {
                throw new InvalidFieldException(
                        where + " loans", "must be a whole number 0-100000, not '" + f[2] + "'");
            }
            rows.add(new Row(patron, day, loans));
            if (rows.size() > MAX_ROWS) {
                throw new InvalidFieldException("$", "at most " + MAX_ROWS + " rows per upload");
            }
        }
        return rows;
    }

    private static String unquote(String s) {
        String t = s.strip();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    static void write(Connection c, List<Row> rows) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO analytics_loans (patron_id, day, loans) VALUES (?, ?, ?)
                ON CONFLICT (patron_id, day) DO UPDATE SET loans = excluded.loans
                """)) {
            for (Row r : rows) {
                s.setString(1, r.patronId());
                s.setString(2, r.day().toString());
                s.setLong(3, r.loans());
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
