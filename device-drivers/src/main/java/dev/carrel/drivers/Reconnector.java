package dev.carrel.drivers;

import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps one device open: tries to open it, and whenever opening fails or the driver reports the
 * device lost, records a {@link DriverFault}, tells the fault listener and tries again after a
 * {@link Backoff}. Nothing it does throws into its caller, so an unplugged reader never kills the
 * agent.
 */
public final class Reconnector {

    private static final Logger LOG = Logger.getLogger(Reconnector.class.getName());

    /** Opens (or re-initialises) the device; throws when it is not there. */
    @FunctionalInterface
    public interface Opening {
        void open() throws Exception;
    }

    private final String deviceId;
    private final Scheduler scheduler;
    private final FaultListener faults;
    private final Backoff backoff;
    private final Opening opening;

    private Optional<DriverFault> fault = Optional.empty();
    private int failures;
    private boolean closed;
    private Scheduler.Cancellable retry = Scheduler.Cancellable.NONE;

    public Reconnector(String deviceId, Scheduler scheduler, FaultListener faults, Backoff backoff, Opening opening) {
        this.deviceId = deviceId;
        this.scheduler = scheduler;
        this.faults = faults;
        this.backoff = backoff;
        this.opening = opening;
    }

    /** Tries to open now; on failure schedules the retries. */
    public void start() {
        attempt();
    }

    /** The open device failed (read error, I2C NACK…): fault it and schedule a reopen. */
    public void lost(String reason) {
        DriverFault f;
        synchronized (this) {
            if (closed || (fault.isPresent() && failures > 0)) {
                return; // already faulted and a retry is scheduled
            }
            failures = 1;
            f = scheduleRetry(reason);
        }
        notifyFault(f);
    }

    public synchronized Optional<DriverFault> fault() {
        return fault;
    }

    public void close() {
        synchronized (this) {
            closed = true;
            retry.cancel();
        }
    }

    private void attempt() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        try {
            opening.open();
        } catch (Exception e) {
            DriverFault f;
            synchronized (this) {
                if (closed) {
                    return;
                }
                failures++;
                f = scheduleRetry(String.valueOf(e.getMessage() == null ? e : e.getMessage()));
            }
            notifyFault(f);
            return;
        }
        boolean wasFaulted;
        synchronized (this) {
            wasFaulted = fault.isPresent();
            fault = Optional.empty();
            failures = 0;
        }
        if (wasFaulted) {
            Instant at = scheduler.now();
            try {
                faults.recovered(deviceId, at);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "fault listener failed", e);
            }
        }
    }

    private DriverFault scheduleRetry(String reason) {
        var delay = backoff.after(failures);
        DriverFault f = new DriverFault(deviceId, reason, scheduler.now(), failures, delay);
        fault = Optional.of(f);
        retry.cancel();
        retry = scheduler.schedule(delay, this::attempt);
        return f;
    }

    private void notifyFault(DriverFault f) {
        LOG.warning(() -> "device " + deviceId + " faulted: " + f.reason() + "; retry in " + f.retryIn());
        try {
            faults.faulted(f);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "fault listener failed", e);
        }
    }
}
