package dev.carrel.drivers.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.carrel.drivers.Backoff;
import dev.carrel.drivers.FaultListener;
import dev.carrel.drivers.Power;
import dev.carrel.drivers.SystemScheduler;
import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A Tasmota outlet over Paho against a real Moquette broker on a free local port. */
class MoquetteBrokerTest {

    private static Server broker;
    private static int port;
    private static SystemScheduler scheduler;

    @BeforeAll
    static void startBroker() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // Moquette reports 0 for port 0 (STACK.md §4), so pick one
        }
        Properties p = new Properties();
        p.setProperty(IConfig.HOST_PROPERTY_NAME, "127.0.0.1");
        p.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
        p.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
        p.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        broker = new Server();
        broker.startServer(new MemoryConfig(p));
        scheduler = new SystemScheduler();
    }

    @AfterAll
    static void stopBroker() {
        broker.stopServer();
        scheduler.close();
    }

    private static PahoMqttLink link(String clientId) {
        var l = new PahoMqttLink(
                new PahoMqttLink.Settings("tcp://127.0.0.1:" + port, clientId, Optional.empty(), Optional.empty()),
                scheduler,
                Backoff.DEFAULT);
        l.start();
        await("connected " + clientId, l::connected);
        return l;
    }

    private static void await(String what, BooleanSupplier c) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    @Test
    void tasmotaOutlet_commandRoundTripThroughBroker_reportsOn() {
        try (PahoMqttLink agent = link("edge-e1");
                PahoMqttLink plug = link("tasmota-plug7")) {
            // The simulated plug answers commands the way Tasmota firmware does.
            plug.subscribe("cmnd/plug7/POWER", (t, payload) -> {
                String cmd = new String(payload, StandardCharsets.US_ASCII);
                if (!cmd.isEmpty()) {
                    plug.publish(
                            "stat/plug7/RESULT",
                            ("{\"POWER\":\"" + cmd + "\"}").getBytes(StandardCharsets.US_ASCII),
                            false);
                }
            });
            var outlet = new TasmotaOutlet("desk-7-outlet", "plug7", 0, agent, scheduler, FaultListener.ignoring());
            outlet.start();

            long deadline = System.nanoTime() + 10_000_000_000L;
            while (outlet.state().power() != Power.ON && System.nanoTime() < deadline) {
                outlet.power(true); // repeated until the plug's subscription is in place
                long until = System.nanoTime() + 100_000_000L;
                while (outlet.state().power() != Power.ON && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }

            assertEquals(Power.ON, outlet.state().power());
            assertTrue(outlet.fault().isEmpty());
        }
    }

    @Test
    void publish_beforeConnected_returnsFalseInsteadOfThrowing() {
        var l = new PahoMqttLink(
                new PahoMqttLink.Settings(
                        "tcp://127.0.0.1:" + port, "never-started", Optional.empty(), Optional.empty()),
                scheduler,
                Backoff.DEFAULT);
        try (l) {
            assertEquals(false, l.publish("x", new byte[0], false));
        }
    }
}
