package dev.carrel.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.agent.AgentConfig;
import dev.carrel.agent.AgentLayout;
import dev.carrel.agent.EdgeAgent;
import dev.carrel.drivers.Hardware;
import dev.carrel.hub.Hub;
import dev.carrel.hub.broker.BrokerUsers;
import dev.carrel.hub.broker.EmbeddedBroker;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Event;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.EventIds;
import dev.carrel.protocol.Topic;
import dev.carrel.protocol.WireCodec;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4: the broker (and the hub) stop for a while; the agent keeps recording into its outbox; when they
 * come back on the same port and data dir, the backlog drains, in order. The broker is the hub's own
 * {@link EmbeddedBroker}, started by the test with users it keeps, so the agent's secret stays valid across
 * the restart; the hub runs against it as an external broker.
 */
class OutboxBrokerOutageTest {
    private static final String AGENT = "reading-room-2";
    private static final String PROBE = "probe-agent";

    @TempDir
    Path dir;

    private final BrokerUsers users = new BrokerUsers();
    private final String hubSecret = users.issue("carrel-hub", BrokerUsers.Role.HUB);
    private final String agentSecret = users.issue(AGENT, BrokerUsers.Role.AGENT);
    private final String probeSecret = users.issue(PROBE, BrokerUsers.Role.AGENT);

    @Test
    void brokerAndHubDown_eventsWaitInTheOutbox_thenArriveInOrderWhenTheyReturn() throws Exception {
        port = freePort();
        List<String> published = new ArrayList<>();
        EmbeddedBroker broker = broker(port);
        Hub hub = hub(port);
        try (OutboxRelay relay = new OutboxRelay(port);
                EdgeAgent agent = EdgeAgent.start(
                        new AgentConfig(
                                AgentId.of(AGENT),
                                URI.create(relay.uri()),
                                agentSecret,
                                dir.resolve("agent"),
                                Duration.ofSeconds(5),
                                Duration.ofHours(1),
                                "test"),
                        AgentLayout.EMPTY,
                        Hardware.none(),
                        Clock.systemUTC())) {
            await(agent::connected, "the agent connects");
            publish(agent, 50, published);
            await(() -> stored(AGENT).size() == 50, "the first 50 events arrive");
            await(() -> agent.events().pending() == 0, "and are acknowledged");

            relay.refuse();
            hub.close();
            broker.close();
            await(() -> !agent.connected(), "the agent notices the broker is gone");
            publish(agent, 500, published);
            assertEquals(500, agent.events().pending(), "the backlog waits in the outbox");
            Thread.sleep(500); // a while: reconnect attempts come and fail
            assertFalse(agent.connected());

            broker = broker(port);
            hub = hub(port);
            awaitSubscribed();
            relay.allow();
            await(() -> stored(AGENT).size() == 550, "the backlog drains");
            await(() -> agent.events().pending() == 0, "the outbox empties");

            assertEquals(published, stored(AGENT), "in the order they were made, each once");
            assertSeqRisesWithinEachSession();
        } finally {
            hub.close();
            broker.close();
        }
    }

    private int port;

    private EmbeddedBroker broker(int port) throws Exception {
        return EmbeddedBroker.start("127.0.0.1", port, dir.resolve("broker"), false, users);
    }

    private Hub hub(int port) throws Exception {
        return Hub.start(
                Config.just(ConfigSources.create(Map.of(
                        "server.host", "127.0.0.1",
                        "server.port", "0",
                        "carrel.data-dir", dir.resolve("hub").toString(),
                        "carrel.broker.mode", "external",
                        "carrel.broker.url", "tcp://127.0.0.1:" + port,
                        "carrel.broker.user", "carrel-hub",
                        "carrel.broker.password", hubSecret))),
                Clock.systemUTC());
    }

    private static void publish(EdgeAgent agent, int n, List<String> published) {
        for (int i = 0; i < n; i++) {
            Event e = agent.events()
                    .publish(new EventBody.SeatStateChanged(
                            "seat-" + (i % 7),
                            dev.carrel.protocol.SeatState.OCCUPIED,
                            dev.carrel.protocol.SeatState.RESERVED,
                            "check_in",
                            Optional.empty()));
            published.add(e.id().toString());
        }
    }

    /** The new hub has subscribed once an event from another agent reaches its table. */
    private void awaitSubscribed() throws Exception {
        Event probe = new Event(
                new EventIds(Clock.systemUTC(), new java.util.Random()).next(),
                1,
                0,
                Instant.now(),
                new EventBody.LampState("lamp-1", true, 100));
        byte[] payload = new WireCodec().encode(probe);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (stored(PROBE).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the restarted hub never subscribed");
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setUserName(PROBE);
            o.setPassword(probeSecret.getBytes(StandardCharsets.UTF_8));
            MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, PROBE, new MemoryPersistence());
            try {
                client.connect(o);
                MqttMessage m = new MqttMessage(payload);
                m.setQos(1);
                client.publish(Topic.event(AgentId.of(PROBE), "lamp_state").toString(), m);
                client.disconnect();
            } finally {
                client.close(true);
            }
            Thread.sleep(200);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Event ids of an agent in the order the hub stored them (rowid). */
    private List<String> stored(String agent) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(
                        "jdbc:sqlite:" + dir.resolve("hub").resolve("carrel-hub.db"));
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT id FROM events WHERE agent_id = '" + agent + "' ORDER BY rowid")) {
            while (r.next()) {
                ids.add(r.getString(1));
            }
        } catch (java.sql.SQLException e) {
            return ids; // the file is not there yet
        }
        return ids;
    }

    private void assertSeqRisesWithinEachSession() throws Exception {
        try (Connection c = DriverManager.getConnection(
                        "jdbc:sqlite:" + dir.resolve("hub").resolve("carrel-hub.db"));
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT session, seq FROM events WHERE agent_id = '" + AGENT + "' ORDER BY rowid")) {
            Map<Long, Long> last = new java.util.HashMap<>();
            while (r.next()) {
                long session = r.getLong(1);
                long seq = r.getLong(2);
                Long before = last.put(session, seq);
                assertTrue(
                        before == null ? seq == 0 : seq == before + 1,
                        "session " + session + " seq " + seq + " after " + before);
            }
        }
    }

    private static void await(BooleanSupplierWithException condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out: " + what);
            Thread.sleep(50);
        }
    }

    @FunctionalInterface
    private interface BooleanSupplierWithException {
        boolean getAsBoolean() throws Exception;
    }
}
