package dev.carrel.drivers.gpio;

/** One digital input. Listeners are called on the GPIO provider's event thread. */
public interface InputLine extends AutoCloseable {

    boolean high();

    void onLevel(LevelListener listener);

    @Override
    void close();

    /** Told the new level after each edge. */
    @FunctionalInterface
    interface LevelListener {
        void level(boolean high);
    }
}
