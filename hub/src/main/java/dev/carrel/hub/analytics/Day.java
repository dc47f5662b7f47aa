package dev.carrel.hub.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * One local day being rolled up: {@code [start, end)} in the analytics time zone, and {@code until}, the end
 * or now when the day is not over yet (nothing is counted in the future).
 */
record Day(LocalDate date, ZoneId zone, Instant start, Instant end, Instant until) {

    static Day of(LocalDate date, ZoneId zone, Instant now) {
        Instant start = date.atStartOfDay(zone).toInstant();
        Instant end = date.plusDays(1).atStartOfDay(zone).toInstant();
        Instant until = now.isBefore(end) ? (now.isAfter(start) ? now : start) : end;
        return new Day(date, zone, start, end, until);
    }

    String key() {
        return date.toString();
    }

    boolean complete() {
        return until.equals(end);
    }

    int hourOf(long millis) {
        return Instant.ofEpochMilli(millis).atZone(zone).getHour();
    }

    /** Calls {@code out} with each local hour's share of {@code [from, to)} clipped to the day so far. */
    void splitByHour(long from, long to, HourShare out) {
        long a = Math.max(from, start.toEpochMilli());
        long b = Math.min(to, until.toEpochMilli());
        while (a < b) {
            ZonedDateTime z = Instant.ofEpochMilli(a).atZone(zone);
            long next = z.truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant().toEpochMilli();
            long stop = Math.min(next, b);
            out.add(z.getHour(), stop - a);
            a = stop;
        }
    }

    /** The length of {@code [from, to)} clipped to the day so far. */
    long clip(long from, long to) {
        return Math.max(0, Math.min(to, until.toEpochMilli()) - Math.max(from, start.toEpochMilli()));
    }

    interface HourShare {
        void add(int hour, long millis);
    }
}
