package dev.carrel.drivers.gpio;

import dev.carrel.drivers.Credential;
import dev.carrel.drivers.CredentialKind;
import dev.carrel.drivers.CredentialReader;
import dev.carrel.drivers.DriverFault;
import dev.carrel.drivers.Listeners;
import dev.carrel.drivers.Scheduler;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Wiegand 26/34-bit access reader on two GPIO inputs. D0 and D1 idle high and pulse low for each
 * bit. They are 5 V lines: level-shift them to 3.3 V, and create the inputs with zero debounce or
 * Pi4J's default 10 ms debounce swallows every 50 µs pulse (STACK.md §2).
 */
public final class WiegandReader implements CredentialReader {

    /** The standard end-of-frame silence; bits are at most a few ms apart. */
    public static final Duration FRAME_GAP = Duration.ofMillis(25);

    private final String id;
    private final InputLine d0;
    private final InputLine d1;
    private final Scheduler scheduler;
    private final Duration frameGap;
    private final WiegandDecoder decoder;
    private final Listeners<Credential> listeners;
    private Scheduler.Cancellable flush = Scheduler.Cancellable.NONE;

    public WiegandReader(String id, InputLine d0, InputLine d1, Scheduler scheduler, Duration frameGap) {
        this.id = id;
        this.d0 = d0;
        this.d1 = d1;
        this.scheduler = scheduler;
        this.frameGap = frameGap;
        this.decoder = new WiegandDecoder(frameGap);
        this.listeners = new Listeners<>(id);
        d0.onLevel(high -> {
            if (!high) {
                bit(false);
            }
        });
        d1.onLevel(high -> {
            if (!high) {
                bit(true);
            }
        });
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void onCredential(Consumer<Credential> listener) {
        listeners.add(listener);
    }

    /** Frames dropped for bad length or parity, for diagnostics. */
    public synchronized long framesDropped() {
        return decoder.framesDropped();
    }

    private void bit(boolean one) {
        Optional<WiegandCard> done;
        synchronized (this) {
            done = decoder.bit(one, scheduler.nanoTime());
            flush.cancel();
            // A little past the gap, so the flush sees the line as quiet.
            flush = scheduler.schedule(frameGap.plusMillis(1), this::quiet);
        }
        done.ifPresent(this::emit);
    }

    private void quiet() {
        Optional<WiegandCard> done;
        synchronized (this) {
            done = decoder.flush(scheduler.nanoTime());
        }
        done.ifPresent(this::emit);
    }

    private void emit(WiegandCard card) {
        listeners.emit(new Credential(CredentialKind.WIEGAND, card.value(), id, scheduler.now()));
    }

    @Override
    public Optional<DriverFault> fault() {
        return Optional.empty();
    }

    @Override
    public synchronized void close() {
        flush.cancel();
        d0.close();
        d1.close();
    }
}
