package dev.carrel.drivers.gpio;

import dev.carrel.drivers.DriverFault;
import dev.carrel.drivers.Indicator;
import dev.carrel.drivers.Scheduler;
import dev.carrel.drivers.Signal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A reader's green and red LEDs and optional buzzer on three lines, e.g. the LED/BEEP inputs of a
 * Wiegand reader (those are active-low: pull to ground to light). Patterns are timed by the
 * scheduler; a new signal cancels the pattern running.
 */
public final class LineIndicator implements Indicator {

    private record Step(boolean green, boolean red, boolean buzz, Duration length) {}

    private static final Duration BEEP = Duration.ofMillis(100);
    private static final List<Step> ACCEPT = List.of(
            new Step(true, false, true, Duration.ofMillis(150)), new Step(true, false, false, Duration.ofMillis(850)));
    private static final List<Step> DENY = List.of(
            new Step(false, true, true, BEEP),
            new Step(false, true, false, BEEP),
            new Step(false, true, true, BEEP),
            new Step(false, true, false, BEEP),
            new Step(false, true, true, BEEP),
            new Step(false, true, false, Duration.ofMillis(500)));
    private static final List<Step> ATTENTION = List.of(
            new Step(false, true, false, Duration.ofMillis(500)), new Step(true, false, false, Duration.ofMillis(500)));

    private final String id;
    private final Relay green;
    private final Relay red;
    private final Optional<Relay> buzzer;
    private final Scheduler scheduler;
    private Scheduler.Cancellable next = Scheduler.Cancellable.NONE;
    private long generation;

    public LineIndicator(String id, Relay green, Relay red, Optional<Relay> buzzer, Scheduler scheduler) {
        this.id = id;
        this.green = green;
        this.red = red;
        this.buzzer = buzzer;
        this.scheduler = scheduler;
        apply(false, false, false);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public synchronized void show(Signal signal) {
        List<Step> steps =
                switch (signal) {
                    case ACCEPT -> ACCEPT;
                    case DENY -> DENY;
                    case ATTENTION -> ATTENTION;
                };
        next.cancel();
        run(++generation, steps, 0, signal == Signal.ATTENTION);
    }

    @Override
    public synchronized void clear() {
        next.cancel();
        generation++;
        apply(false, false, false);
    }

    /** Whether the green, red and buzzer lines are energised, for tests and the smoke test. */
    public synchronized List<Boolean> lines() {
        return List.of(
                green.energised(), red.energised(), buzzer.map(Relay::energised).orElse(false));
    }

    private void run(long gen, List<Step> steps, int index, boolean repeat) {
        if (gen != generation) {
            return;
        }
        if (index == steps.size() && !repeat) {
            apply(false, false, false);
            return;
        }
        Step s = steps.get(index % steps.size());
        apply(s.green(), s.red(), s.buzz());
        int following = repeat ? (index + 1) % steps.size() : index + 1;
        next = scheduler.schedule(s.length(), () -> {
            synchronized (this) {
                run(gen, steps, following, repeat);
            }
        });
    }

    private void apply(boolean g, boolean r, boolean b) {
        green.energise(g);
        red.energise(r);
        buzzer.ifPresent(z -> z.energise(b));
    }

    @Override
    public Optional<DriverFault> fault() {
        return green.line().fault();
    }

    @Override
    public synchronized void close() {
        clear();
        green.close();
        red.close();
        buzzer.ifPresent(Relay::close);
    }
}
