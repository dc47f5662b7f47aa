package dev.carrel.drivers;

/** Whether an outlet is on. {@code UNKNOWN} until a network device has reported its state. */
public enum Power {
    ON,
    OFF,
    UNKNOWN
}
