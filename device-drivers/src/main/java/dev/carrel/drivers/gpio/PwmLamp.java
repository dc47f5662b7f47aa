package dev.carrel.drivers.gpio;

import dev.carrel.drivers.DriverFault;
import dev.carrel.drivers.Lamp;
import dev.carrel.drivers.LampState;
import java.util.Optional;

/**
 * A dimmable LED lamp on a hardware PWM pin (GPIO 12, 13, 18 or 19, through a MOSFET or a
 * constant-current driver with a PWM input). Remembers the last brightness so {@code power(true)}
 * restores it.
 */
public final class PwmLamp implements Lamp {

    private final String id;
    private final PwmLine pwm;
    private int lastOn = 100;

    public PwmLamp(String id, PwmLine pwm) {
        this.id = id;
        this.pwm = pwm;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public synchronized void power(boolean on) {
        pwm.duty(on ? lastOn : 0);
    }

    @Override
    public boolean dimmable() {
        return true;
    }

    @Override
    public synchronized void brightness(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("brightness must be 0-100: " + percent);
        }
        if (percent > 0) {
            lastOn = percent;
        }
        pwm.duty(percent);
    }

    @Override
    public LampState state() {
        int duty = pwm.duty();
        return duty == 0 ? LampState.OFF : new LampState(true, duty);
    }

    @Override
    public Optional<DriverFault> fault() {
        return Optional.empty();
    }

    @Override
    public void close() {
        pwm.close();
    }
}
