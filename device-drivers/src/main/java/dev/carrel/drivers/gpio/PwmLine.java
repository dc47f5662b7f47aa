package dev.carrel.drivers.gpio;

/** A hardware PWM output; 0 % is off. */
public interface PwmLine extends AutoCloseable {

    void duty(int percent);

    int duty();

    @Override
    void close();
}
