package dev.carrel.drivers.network;

import dev.carrel.drivers.DriverFault;
import dev.carrel.drivers.FaultListener;
import dev.carrel.drivers.Scheduler;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A network device's online/offline state as its firmware announces it (a retained last will). An
 * offline device is a fault with no retry of ours: the device reconnects by itself.
 */
final class Availability {

    private static final Logger LOG = Logger.getLogger(Availability.class.getName());

    private final String deviceId;
    private final Scheduler scheduler;
    private final FaultListener faults;
    private volatile Optional<DriverFault> fault = Optional.empty();

    Availability(String deviceId, Scheduler scheduler, FaultListener faults) {
        this.deviceId = deviceId;
        this.scheduler = scheduler;
        this.faults = faults;
    }

    Optional<DriverFault> fault() {
        return fault;
    }

    void online(boolean online, String topic) {
        try {
            if (!online && fault.isEmpty()) {
                DriverFault f = new DriverFault(deviceId, "offline (" + topic + ")", scheduler.now(), 1, Duration.ZERO);
                fault = Optional.of(f);
                faults.faulted(f);
            } else if (online && fault.isPresent()) {
                fault = Optional.empty();
                faults.recovered(deviceId, scheduler.now());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "fault listener failed", e);
        }
    }
}
