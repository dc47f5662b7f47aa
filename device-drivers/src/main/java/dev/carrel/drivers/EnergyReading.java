package dev.carrel.drivers;

import java.time.Instant;

/**
 * A metering plug's report.
 *
 * @param watts active power now
 * @param totalKwh energy counted by the plug since it was reset
 * @param at when the driver received it
 */
public record EnergyReading(double watts, double totalKwh, Instant at) {}
