package dev.carrel.drivers.config;

import dev.carrel.drivers.Backoff;
import dev.carrel.drivers.FaultListener;
import dev.carrel.drivers.Hardware;
import dev.carrel.drivers.Scheduler;

/** What every driver family builds with. */
record Wiring(Hardware hardware, Scheduler scheduler, FaultListener faults, Backoff backoff) {}
