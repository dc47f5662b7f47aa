package dev.carrel.drivers;

/** A reader's LEDs and buzzer: tell the patron what happened. A new signal replaces the old. */
public interface Indicator extends Device {

    void show(Signal signal);

    /** Everything off. */
    void clear();
}
