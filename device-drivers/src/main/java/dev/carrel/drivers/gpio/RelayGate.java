package dev.carrel.drivers.gpio;

import dev.carrel.drivers.DriverFault;
import dev.carrel.drivers.GateActuator;
import dev.carrel.drivers.GateState;
import dev.carrel.drivers.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * A gate or door-strike release on a relay, opened by a pulse.
 *
 * <p>The interlock: a pulse is capped at {@code maxOpen}; a pulse while open extends the opening
 * but never past {@code maxOpen} from when it opened; when the maximum is reached the gate is held
 * closed for {@code lockout} and pulses meanwhile are ignored. So a command stuck in a loop cannot
 * hold a fire-door strike open (EN 13637 expects a released door to re-lock).
 */
public final class RelayGate implements GateActuator {

    private static final Logger LOG = Logger.getLogger(RelayGate.class.getName());

    /** Pulse and interlock timing. */
    public record Timing(Duration pulse, Duration maxOpen, Duration lockout) {
        public Timing {
            if (pulse.isNegative() || pulse.isZero() || maxOpen.compareTo(pulse) < 0 || lockout.isNegative()) {
                throw new IllegalArgumentException("need 0 < pulse <= max-open, lockout >= 0");
            }
        }
    }

    private final String id;
    private final Relay relay;
    private final Scheduler scheduler;
    private final Timing timing;

    private GateState state = GateState.CLOSED;
    private Instant openedAt = Instant.EPOCH;
    private Scheduler.Cancellable closing = Scheduler.Cancellable.NONE;

    public RelayGate(String id, Relay relay, Scheduler scheduler, Timing timing) {
        this.id = id;
        this.relay = relay;
        this.scheduler = scheduler;
        this.timing = timing;
        relay.energise(false);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void pulse() {
        pulse(timing.pulse());
    }

    @Override
    public synchronized void pulse(Duration length) {
        if (state == GateState.LOCKED_OUT) {
            LOG.warning(() -> "gate " + id + " is locked out after its maximum open time; pulse ignored");
            return;
        }
        Instant now = scheduler.now();
        if (state == GateState.CLOSED) {
            openedAt = now;
            state = GateState.OPEN;
            relay.energise(true);
        }
        Duration capped = length.compareTo(timing.maxOpen()) > 0 ? timing.maxOpen() : length;
        Instant until = now.plus(capped);
        Instant limit = openedAt.plus(timing.maxOpen());
        boolean hitsLimit = !until.isBefore(limit);
        closing.cancel();
        closing = scheduler.schedule(Duration.between(now, hitsLimit ? limit : until), () -> close(hitsLimit));
    }

    private synchronized void close(boolean atLimit) {
        relay.energise(false);
        if (atLimit && !timing.lockout().isZero()) {
            state = GateState.LOCKED_OUT;
            closing = scheduler.schedule(timing.lockout(), this::endLockout);
        } else {
            state = GateState.CLOSED;
        }
    }

    private synchronized void endLockout() {
        state = GateState.CLOSED;
    }

    @Override
    public synchronized GateState state() {
        return state;
    }

    @Override
    public Optional<DriverFault> fault() {
        return relay.line().fault();
    }

    @Override
    public synchronized void close() {
        closing.cancel();
        relay.energise(false);
        relay.close();
    }
}
