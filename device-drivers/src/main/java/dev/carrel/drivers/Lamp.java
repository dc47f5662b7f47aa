package dev.carrel.drivers;

/**
 * A desk or room lamp: on/off, and brightness where the hardware allows.
 *
 * <p>{@link #state()} reports what the hardware is doing (a relay lamp reads its output line back),
 * not merely the last command.
 */
public interface Lamp extends Device {

    void power(boolean on);

    /** True when {@link #brightness(int)} does more than switch the lamp on or off. */
    boolean dimmable();

    /**
     * Sets brightness in percent, 0–100. On a lamp that is not dimmable, 0 switches it off and any
     * other value switches it on.
     *
     * @throws IllegalArgumentException when {@code percent} is outside 0–100
     */
    void brightness(int percent);

    LampState state();
}
