package dev.carrel.drivers;

/** A presence sensor's settled reading. */
public enum Presence {
    PRESENT,
    ABSENT,
    /** Not yet read, or the sensor is in fault. */
    UNKNOWN
}
