package dev.carrel.drivers.camera;

import dev.carrel.drivers.Credential;
import dev.carrel.drivers.CredentialKind;
import dev.carrel.drivers.CredentialReader;
import dev.carrel.drivers.DriverFault;
import dev.carrel.drivers.FaultListener;
import dev.carrel.drivers.Listeners;
import dev.carrel.drivers.Reconnector;
import dev.carrel.drivers.Scheduler;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A camera as a QR credential reader: every interval takes a frame and decodes it. The same text
 * seen again within {@code repeat} is not reported again (a phone held up for three seconds is one
 * presentation). A camera that fails is faulted and reopened with back-off.
 */
public final class QrCameraReader implements CredentialReader {

    /** Timing of the reader. */
    public record Timing(Duration interval, Duration repeat) {}

    private final String id;
    private final FrameSource source;
    private final Scheduler scheduler;
    private final Timing timing;
    private final QrDecoder decoder = new QrDecoder();
    private final Listeners<Credential> listeners;
    private final Reconnector reconnector;
    private String lastText = "";
    private long lastNanos;
    private boolean closed;
    private Scheduler.Cancellable next = Scheduler.Cancellable.NONE;

    public QrCameraReader(
            String id,
            FrameSource source,
            Scheduler scheduler,
            Timing timing,
            FaultListener faults,
            dev.carrel.drivers.Backoff backoff) {
        this.id = id;
        this.source = source;
        this.scheduler = scheduler;
        this.timing = timing;
        this.listeners = new Listeners<>(id);
        this.reconnector = new Reconnector(id, scheduler, faults, backoff, () -> {});
    }

    public void start() {
        schedule();
    }

    private synchronized void schedule() {
        if (!closed) {
            next = scheduler.schedule(timing.interval(), this::grab);
        }
    }

    /** Takes and decodes one frame now; also what the timer calls. */
    public void grab() {
        Optional<Credential> read = Optional.empty();
        if (reconnector.fault().isEmpty()) {
            try {
                read = source.next().flatMap(decoder::decode).flatMap(this::fresh);
            } catch (IOException | RuntimeException e) {
                source.close();
                reconnector.lost("camera: " + e.getMessage());
            }
        }
        read.ifPresent(listeners::emit);
        schedule();
    }

    private synchronized Optional<Credential> fresh(String text) {
        long now = scheduler.nanoTime();
        boolean repeat =
                text.equals(lastText) && now - lastNanos < timing.repeat().toNanos();
        lastText = text;
        lastNanos = now;
        return repeat ? Optional.empty() : Optional.of(new Credential(CredentialKind.QR, text, id, scheduler.now()));
    }

    @Override
    public void onCredential(Consumer<Credential> listener) {
        listeners.add(listener);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Optional<DriverFault> fault() {
        return reconnector.fault();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            next.cancel();
        }
        reconnector.close();
        source.close();
    }
}
