package dev.carrel.drivers;

import java.time.Instant;

/**
 * Told when a device faults and when it recovers. Called on a driver thread: return quickly. An
 * exception thrown here is caught and logged by the driver, never propagated.
 */
public interface FaultListener {

    void faulted(DriverFault fault);

    void recovered(String deviceId, Instant at);

    /** A listener that ignores everything. */
    static FaultListener ignoring() {
        return new FaultListener() {
            @Override
            public void faulted(DriverFault fault) {}

            @Override
            public void recovered(String deviceId, Instant at) {}
        };
    }
}
