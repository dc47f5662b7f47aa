package dev.carrel.agent.devices;

import dev.carrel.drivers.DriverFault;
import dev.carrel.drivers.FaultListener;
import dev.carrel.protocol.EventBody;
import java.time.Instant;
import java.util.function.Consumer;

/** Turns driver faults into {@code fault} events: raised when a device fails, cleared when it recovers. */
public final class DeviceFaults implements FaultListener {
    private volatile Consumer<EventBody> events = e -> {};

    /** Set once the event path exists; faults before that are only logged by the drivers. */
    public void publishTo(Consumer<EventBody> sink) {
        this.events = sink;
    }

    @Override
    public void faulted(DriverFault fault) {
        events.accept(new EventBody.Fault(
                fault.deviceId(), "device_fault", EventBody.Fault.Severity.WARNING, message(fault), false));
    }

    @Override
    public void recovered(String deviceId, Instant at) {
        events.accept(new EventBody.Fault(deviceId, "device_fault", EventBody.Fault.Severity.INFO, "recovered", true));
    }

    private static String message(DriverFault fault) {
        String m = fault.reason() + " (attempt " + fault.attempt() + ", retry in "
                + fault.retryIn().toSeconds() + " s)";
        return m.length() > 500 ? m.substring(0, 500) : m;
    }
}
