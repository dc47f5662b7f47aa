package dev.carrel.hub.analytics;

/** A patron's place in a quarter's award by verified time: capped verified milliseconds and days with any. */
public record AwardStanding(String patronId, long verifiedMs, long days) {}
