package dev.carrel.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.agent.AgentConfig;
import dev.carrel.agent.EdgeAgent;
import dev.carrel.agent.seats.SeatBinding;
import dev.carrel.agent.seats.SeatRules;
import dev.carrel.drivers.Hardware;
import dev.carrel.drivers.fake.FakeLamp;
import dev.carrel.hub.Hub;
import dev.carrel.hub.broker.BrokerUsers;
import dev.carrel.hub.broker.FirstSubscribe;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Command;
import dev.carrel.protocol.CommandBody;
import dev.carrel.protocol.CommandReply;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.Endpoint;
import dev.carrel.protocol.EventIds;
import dev.carrel.protocol.SeatState;
import dev.carrel.protocol.Topic;
import dev.carrel.protocol.TwinDesired;
import dev.carrel.protocol.TwinReported;
import dev.carrel.protocol.WireCodec;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands and the desired twin from the hub's side of a real broker, applied by a running agent. */
class AgentCommandsTest {
    private static final AgentId ROOM = AgentId.of("reading-room-7");
    private final WireCodec codec = new WireCodec();
    private final BlockingQueue<CommandReply> replies = new LinkedBlockingQueue<>();

    @TempDir
    Path dir;

    private Hub hub;
    private EdgeAgent agent;
    private MqttClient staff;

    @BeforeEach
    void start() throws Exception {
        hub = Hub.start(
                Config.just(ConfigSources.create(Map.of(
                        "server.port", "0",
                        "carrel.data-dir", dir.resolve("hub").toString(),
                        "carrel.broker.host", "127.0.0.1",
                        "carrel.broker.port", "0",
                        "carrel.broker.persistent", "false"))),
                Clock.systemUTC());
        String secret = hub.brokerUsers().issue(ROOM.value(), BrokerUsers.Role.AGENT);
        AgentConfig config = new AgentConfig(
                ROOM,
                URI.create(hub.brokerUri()),
                secret,
                dir.resolve("agent"),
                Duration.ofSeconds(5),
                Duration.ofHours(1),
                "test");
        agent = EdgeAgent.start(
                config,
                SimulatedLayout.of(
                        List.of(new Endpoint("desk-01-lamp", Endpoint.Kind.DIMMABLE_LAMP)),
                        List.of(new SeatBinding(
                                "desk-01",
                                Optional.of("desk-01-lamp"),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty())),
                        SeatRules.DEFAULTS),
                Hardware.none(),
                Clock.systemUTC());
        new HubApi(hub).awaitAgent(ROOM.value(), HubApi.up(), Duration.ofSeconds(10));

        String staffSecret = hub.brokerUsers().issue("test-staff", BrokerUsers.Role.HUB);
        staff = new MqttClient(hub.brokerUri(), "test-staff", new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName("test-staff");
        o.setPassword(staffSecret.getBytes(UTF_8));
        FirstSubscribe.withRetry("test-staff", () -> {
            if (!staff.isConnected()) {
                staff.connect(o);
            }
            staff.subscribe(
                    new MqttSubscription[] {new MqttSubscription(Topic.prefix(ROOM) + "replies/+", 1)},
                    new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
                        (topic, message) ->
                                replies.add(codec.decode(Topic.parse(topic), message.getPayload(), CommandReply.class))
                    });
        });
    }

    @AfterEach
    void stop() throws Exception {
        staff.disconnect();
        staff.close(true);
        agent.close();
        hub.close();
    }

    @Test
    void lampCommand_inTime_isAppliedAndAnswered() throws Exception {
        Command c = lamp(Instant.now().plusSeconds(30), 40);
        send(c);
        CommandReply reply = nextReply();
        assertEquals(c.id(), reply.commandId());
        assertEquals(CommandReply.Outcome.APPLIED, reply.outcome());
        assertEquals(40, lamp().state().brightness());
        assertTrue(lamp().state().on());
    }

    @Test
    void expiredCommand_isNotApplied() throws Exception {
        send(lamp(Instant.now().minusSeconds(1), 40));
        assertEquals(CommandReply.Outcome.EXPIRED, nextReply().outcome());
        assertEquals(false, lamp().state().on());
    }

    @Test
    void malformedCommand_getsAnErrorReply_andChangesNothing() throws Exception {
        String id = EventIds.system().next().toString();
        String payload = "{\"v\":1,\"id\":\"" + id + "\",\"expiresAt\":\"2099-01-01T00:00:00Z\","
                + "\"body\":{\"endpointId\":\"desk-01-lamp\",\"on\":\"yes\"}}";
        staff.publish(Topic.command(ROOM, "lamp").toString(), new MqttMessage(payload.getBytes(UTF_8), 1, false, null));
        CommandReply reply = nextReply();
        assertEquals(CommandReply.Outcome.REJECTED, reply.outcome());
        assertTrue(
                reply.detail().orElseThrow().contains("body.on"), reply.detail().orElseThrow());
        assertEquals(false, lamp().state().on());
    }

    @Test
    void desiredTwin_switchesTheLamp_andIsKeptForARestartWithoutTheHub() throws Exception {
        TwinDesired desired = new TwinDesired(
                3, Map.of("lamps", Map.of("desk-01-lamp", Map.of("on", true, "brightness", 70))), Instant.now());
        MqttMessage m = new MqttMessage(codec.encode(desired), 1, true, null);
        staff.publish(Topic.twinDesired(ROOM).toString(), m);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!lamp().state().on() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(70, lamp().state().brightness());
        assertTrue(dir.resolve("agent").resolve("twin-desired.json").toFile().isFile());

        // The reported twin says what the device really does, in the hub's shape, with the version applied.
        BlockingQueue<TwinReported> reported = new LinkedBlockingQueue<>();
        staff.subscribe(
                new MqttSubscription[] {
                    new MqttSubscription(Topic.twinReported(ROOM).toString(), 1)
                },
                new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
                    (topic, message) ->
                            reported.add(codec.decode(Topic.parse(topic), message.getPayload(), TwinReported.class))
                });
        TwinReported twin = reported.poll(5, TimeUnit.SECONDS);
        while (twin != null && twin.appliedVersion() < 3) {
            twin = reported.poll(5, TimeUnit.SECONDS);
        }
        assertTrue(twin != null, "no reported twin of version 3");
        assertEquals(
                Map.of("on", true, "brightness", 70), ((Map<?, ?>) twin.state().get("lamps")).get("desk-01-lamp"));
    }

    @Test
    void seatCommands_fromTheHub_checkInThenReleaseOnGateExit() throws Exception {
        CredentialHash patron = new CredentialHash("d".repeat(64));
        send(new Command(
                EventIds.system().next(),
                Instant.now().plusSeconds(30),
                new CommandBody.SeatAction(
                        CommandBody.SeatAction.Action.CHECK_IN, Optional.of("desk-01"), patron, Optional.empty())));
        assertEquals(CommandReply.Outcome.APPLIED, nextReply().outcome());
        assertEquals(
                SeatState.OCCUPIED, agent.seats().seat("desk-01").orElseThrow().state());
        assertTrue(lamp().state().on(), "check-in powers the desk");

        send(new Command(
                EventIds.system().next(),
                Instant.now().plusSeconds(30),
                new CommandBody.SeatAction(
                        CommandBody.SeatAction.Action.RELEASE_PATRON, Optional.empty(), patron, Optional.empty())));
        assertEquals(CommandReply.Outcome.APPLIED, nextReply().outcome());
        assertEquals(SeatState.FREE, agent.seats().seat("desk-01").orElseThrow().state());
        assertEquals(false, lamp().state().on());
    }

    @Test
    void seatCommand_forASeatSomeoneElseHolds_failsWithTheReason() throws Exception {
        agent.seats().checkIn("desk-01", new CredentialHash("e".repeat(64)), "kiosk");
        send(new Command(
                EventIds.system().next(),
                Instant.now().plusSeconds(30),
                new CommandBody.SeatAction(
                        CommandBody.SeatAction.Action.CHECK_IN,
                        Optional.of("desk-01"),
                        new CredentialHash("d".repeat(64)),
                        Optional.empty())));
        CommandReply reply = nextReply();
        assertEquals(CommandReply.Outcome.FAILED, reply.outcome());
        assertEquals(Optional.of("seat is taken"), reply.detail());
    }

    private Command lamp(Instant expiresAt, int brightness) {
        return new Command(
                EventIds.system().next(),
                expiresAt,
                new CommandBody.SetLamp("desk-01-lamp", true, Optional.of(brightness)));
    }

    private void send(Command c) throws Exception {
        staff.publish(WireCodec.topicFor(ROOM, c).toString(), new MqttMessage(codec.encode(c), 1, false, null));
    }

    private CommandReply nextReply() throws InterruptedException {
        CommandReply reply = replies.poll(5, TimeUnit.SECONDS);
        if (reply == null) {
            throw new AssertionError("no reply from the agent within 5 s");
        }
        return reply;
    }

    private FakeLamp lamp() {
        return agent.devices().find("desk-01-lamp", FakeLamp.class).orElseThrow();
    }
}
