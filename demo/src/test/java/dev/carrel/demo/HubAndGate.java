package dev.carrel.demo;

import dev.carrel.agent.EdgeAgent;
import dev.carrel.hub.Hub;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A test with its own hub and gate agent ({@link GateAgentRig}), both closed after each test. */
abstract class HubAndGate {
    @TempDir
    Path dir;

    Hub hub;
    EdgeAgent gate;

    @AfterEach
    void closeHubAndGate() {
        if (gate != null) {
            gate.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    /** Stops the hub and waits until the gate knows it is offline. */
    void stopHub() throws InterruptedException {
        hub.close();
        hub = null;
        PatronGateTest.await(() -> !gate.connected(), "the gate notices the hub is gone");
    }
}
