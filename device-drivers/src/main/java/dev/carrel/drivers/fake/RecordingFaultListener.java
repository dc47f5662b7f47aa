package dev.carrel.drivers.fake;

import dev.carrel.drivers.DriverFault;
import dev.carrel.drivers.FaultListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A fault listener that keeps what it was told. */
public final class RecordingFaultListener implements FaultListener {

    private final List<DriverFault> faults = new ArrayList<>();
    private final List<String> recoveries = new ArrayList<>();

    @Override
    public synchronized void faulted(DriverFault fault) {
        faults.add(fault);
    }

    @Override
    public synchronized void recovered(String deviceId, Instant at) {
        recoveries.add(deviceId);
    }

    public synchronized List<DriverFault> faults() {
        return List.copyOf(faults);
    }

    /** Ids of devices that recovered, in order. */
    public synchronized List<String> recoveries() {
        return List.copyOf(recoveries);
    }
}
