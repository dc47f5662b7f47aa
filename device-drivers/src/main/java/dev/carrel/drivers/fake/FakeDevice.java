package dev.carrel.drivers.fake;

import dev.carrel.drivers.Device;
import dev.carrel.drivers.DriverFault;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What every fake shares: an id, a fault a test can inject, and a closed flag. */
abstract class FakeDevice implements Device {

    private final String id;
    private volatile Optional<DriverFault> fault = Optional.empty();
    private volatile boolean closed;

    FakeDevice(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Optional<DriverFault> fault() {
        return fault;
    }

    /** Puts the device into fault, as if it had been unplugged. */
    public void fail(String reason) {
        fault = Optional.of(new DriverFault(id, reason, Instant.now(), 1, Duration.ZERO));
    }

    /** Clears an injected fault. */
    public void recover() {
        fault = Optional.empty();
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
