package dev.carrel.drivers;

/**
 * What a lamp is doing.
 *
 * @param on whether any light is emitted
 * @param brightness percent, 0–100; 0 when off, 100 for a non-dimmable lamp that is on
 */
public record LampState(boolean on, int brightness) {

    public static final LampState OFF = new LampState(false, 0);
    public static final LampState FULL = new LampState(true, 100);

    public LampState {
        if (brightness < 0 || brightness > 100) {
            throw new IllegalArgumentException("brightness must be 0-100: " + brightness);
        }
    }
}
