package dev.carrel.drivers;

/** What an indicator shows. */
public enum Signal {
    /** Green and one short beep. */
    ACCEPT,
    /** Red and three short beeps. */
    DENY,
    /** Alternating red and green until cleared or replaced: staff attention needed. */
    ATTENTION
}
