package dev.carrel.drivers.serial;

import dev.carrel.drivers.DriverFault;
import dev.carrel.drivers.Presence;
import dev.carrel.drivers.PresenceChange;
import dev.carrel.drivers.PresenceFilter;
import dev.carrel.drivers.PresenceSensor;
import dev.carrel.drivers.Scheduler;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An HLK-LD2410 24 GHz radar as a presence sensor. Unlike a PIR it sees a still reader, so the
 * hold time can be short. Targets beyond {@code maxDistanceCm} (the next desk) are ignored. The
 * radar reports about every 50–100 ms; two seconds without a report while the port is open means
 * it lost power, so the port is reset and the presence becomes unknown.
 */
public final class Ld2410Radar implements PresenceSensor {

    static final Duration SILENCE = Duration.ofSeconds(2);

    private final String id;
    private final PresenceFilter filter;
    private final Scheduler scheduler;
    private final int maxDistanceCm;
    private final Ld2410Parser parser;
    private final SerialConnection connection;
    private volatile Optional<RadarReport> last = Optional.empty();
    private volatile long lastReportNanos;
    private Scheduler.Cancellable watchdog = Scheduler.Cancellable.NONE;
    private boolean closed;

    public Ld2410Radar(
            String id,
            PresenceFilter filter,
            Scheduler scheduler,
            int maxDistanceCm,
            java.util.function.Function<SerialConnection.Session, SerialConnection> connect) {
        this.id = id;
        this.filter = filter;
        this.scheduler = scheduler;
        this.maxDistanceCm = maxDistanceCm;
        this.parser = new Ld2410Parser(this::report);
        this.connection = connect.apply(new SerialConnection.Session() {
            @Override
            public void opened(SerialConnection c) {
                lastReportNanos = scheduler.nanoTime();
            }

            @Override
            public void bytes(byte[] data, int length) {
                parser.feed(data, 0, length);
            }
        });
    }

    /** Opens the port and starts the silence watchdog. */
    public void start() {
        lastReportNanos = scheduler.nanoTime();
        connection.start();
        armWatchdog();
    }

    private void report(RadarReport r) {
        last = Optional.of(r);
        lastReportNanos = scheduler.nanoTime();
        boolean near = r.present()
                && Math.min(
                                r.movingDistanceCm() == 0 ? Integer.MAX_VALUE : r.movingDistanceCm(),
                                r.stillDistanceCm() == 0 ? Integer.MAX_VALUE : r.stillDistanceCm())
                        <= maxDistanceCm;
        filter.raw(near);
    }

    private synchronized void armWatchdog() {
        if (closed) {
            return;
        }
        watchdog = scheduler.schedule(SILENCE, this::checkSilence);
    }

    private void checkSilence() {
        if (connection.fault().isPresent() || scheduler.nanoTime() - lastReportNanos >= SILENCE.toNanos()) {
            filter.unknown();
            if (connection.fault().isEmpty()) {
                connection.reset("no LD2410 frame for " + SILENCE.toSeconds() + " s");
            }
        }
        armWatchdog();
    }

    /** The last report decoded, for diagnostics and the smoke test. */
    public Optional<RadarReport> lastReport() {
        return last;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Presence presence() {
        return filter.presence();
    }

    @Override
    public void onChange(Consumer<PresenceChange> listener) {
        filter.onChange(listener);
    }

    @Override
    public Optional<DriverFault> fault() {
        return connection.fault();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            watchdog.cancel();
        }
        connection.close();
    }
}
