package dev.carrel.drivers;

import java.time.Instant;

/** A settled presence change of one sensor. */
public record PresenceChange(String sensorId, Presence presence, Instant at) {}
