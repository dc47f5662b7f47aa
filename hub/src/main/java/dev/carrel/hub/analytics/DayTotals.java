package dev.carrel.hub.analytics;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** What one day's raw events add up to, before it is written to the rollup tables. */
final class DayTotals {
    /** Lower bounds of the dwell-time buckets, in minutes (docs/analytics.md). */
    static final int[] DWELL_BUCKETS = {0, 15, 30, 60, 120, 240, 480};

    record VisitorKey(String building, String credential) {}

    record Segment(String building, String group, String college) {}

    record HourSegment(int hour, Segment segment) {}

    record DwellKey(Segment segment, int bucket) {}

    record ZoneHour(int hour, String zone) {}

    /** One visitor's day in one building. */
    static final class VisitorDay {
        final Visitors.Visitor who;
        long entries;
        long visitsMs;
        long unpaired;
        long seatMs;
        long verifiedMs;
        long sessions;
        long noShows;

        VisitorDay(Visitors.Visitor who) {
            this.who = who;
        }
    }

    /** One zone's day. */
    static final class ZoneDay {
        long sessions;
        long noShows;
        long overruns;
        long leaves;
        long leaveMs;
        double energyWh;
        long meteredOccupiedMs;
    }

    final Map<VisitorKey, VisitorDay> visitors =
            new TreeMap<>(java.util.Comparator.comparing(VisitorKey::building).thenComparing(VisitorKey::credential));
    final Map<HourSegment, long[]> entryHours = new HashMap<>();
    final Map<DwellKey, long[]> dwell = new HashMap<>();
    final Map<ZoneHour, long[]> zoneHours = new HashMap<>();
    final Map<String, ZoneDay> zones = new TreeMap<>();

    VisitorDay visitor(String building, Visitors.Visitor who) {
        return visitors.computeIfAbsent(new VisitorKey(building, who.credential()), k -> new VisitorDay(who));
    }

    ZoneDay zone(String zoneId) {
        return zones.computeIfAbsent(zoneId, z -> new ZoneDay());
    }

    void entry(int hour, Segment segment) {
        entryHours.computeIfAbsent(new HourSegment(hour, segment), k -> new long[1])[0]++;
    }

    void visit(Segment segment, long millis, boolean unpaired) {
        long minutes = millis / 60_000;
        int bucket = 0;
        for (int b : DWELL_BUCKETS) {
            if (minutes >= b) {
                bucket = b;
            }
        }
        long[] cell = dwell.computeIfAbsent(new DwellKey(segment, bucket), k -> new long[2]);
        cell[0]++;
        if (unpaired) {
            cell[1]++;
        }
    }

    void zoneHour(int hour, String zone, long occupiedMs, long awayMs) {
        long[] cell = zoneHours.computeIfAbsent(new ZoneHour(hour, zone), k -> new long[2]);
        cell[0] += occupiedMs;
        cell[1] += awayMs;
    }
}
