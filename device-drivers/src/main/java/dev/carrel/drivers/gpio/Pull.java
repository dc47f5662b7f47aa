package dev.carrel.drivers.gpio;

/** The pull resistor of an input. */
public enum Pull {
    UP,
    DOWN,
    OFF
}
