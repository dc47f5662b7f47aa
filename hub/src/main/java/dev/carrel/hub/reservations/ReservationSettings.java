package dev.carrel.hub.reservations;

import dev.carrel.hub.ConfigValues;
import io.helidon.config.Config;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code carrel.reservations}: booking rules by default and per zone or room, penalties (normal and exam
 * period), how many peer reports a patron may file an hour, and how often deadlines are checked. Read once at start; a wrong value stops the hub naming its key.
 */
public record ReservationSettings(
        BookingRules defaults,
        Map<String, BookingRules> zones,
        PenaltyRules penalties,
        PenaltyRules examPenalties,
        int peerReportLimit,
        Duration sweepEvery) {

    public ReservationSettings {
        zones = Map.copyOf(zones);
    }

    public static final ReservationSettings DEFAULTS = new ReservationSettings(
            BookingRules.DEFAULTS,
            Map.of(),
            PenaltyRules.DEFAULTS,
            PenaltyRules.EXAM_DEFAULTS,
            3,
            Duration.ofSeconds(5));

    /** Reads {@code carrel.reservations} (given that node); missing keys keep the defaults. */
    public static ReservationSettings from(Config c) {
        BookingRules defaults = BookingRules.DEFAULTS.with(c.get("rules"));
        Map<String, BookingRules> zones = new TreeMap<>();
        c.get("zones").asNodeList().orElse(java.util.List.of()).forEach(z -> zones.put(z.name(), defaults.with(z)));
        return new ReservationSettings(
                defaults,
                zones,
                PenaltyRules.DEFAULTS.with(c.get("penalties")),
                PenaltyRules.EXAM_DEFAULTS.with(c.get("exam-penalties")),
                ConfigValues.integer(c, "peer-report-limit", 3, 1, 100),
                ConfigValues.duration(c, "sweep-every", Duration.ofSeconds(5)));
    }

    /** The rules of a zone or room: its own where configured, else the defaults. */
    public BookingRules rulesFor(String zoneId) {
        return zones.getOrDefault(zoneId, defaults);
    }
}
