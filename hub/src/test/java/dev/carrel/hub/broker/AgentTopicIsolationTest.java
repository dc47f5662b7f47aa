package dev.carrel.hub.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.hub.Hub;
import dev.carrel.hub.HubHttp;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Event;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.EventIds;
import dev.carrel.protocol.Message;
import dev.carrel.protocol.Status;
import dev.carrel.protocol.WireCodec;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real embedded broker, with agents from a credentials file: an agent publishing under another agent's
 * prefix is refused. Moquette 0.18.3 drops such a QoS 1 publish without a PUBACK (../shared/STACK.md §4), so
 * the test shows the refusal where it matters: the hub never stores it and the other agent stays as it was.
 */
class AgentTopicIsolationTest {
    private static final AgentId MALLORY = AgentId.of("reading-room-2");
    private static final AgentId VICTIM = AgentId.of("gate-1");

    @TempDir
    Path dir;

    private final WireCodec codec = new WireCodec();
    private Hub hub;
    private HubHttp api;
    private String mallorySecret;
    private String victimSecret;

    @BeforeEach
    void start() throws Exception {
        Path credentials = dir.resolve("broker-credentials.properties");
        mallorySecret = CredentialsTool.addAgent(credentials, MALLORY);
        victimSecret = CredentialsTool.addAgent(credentials, VICTIM);
        hub = Hub.start(
                Config.just(ConfigSources.create(Map.of(
                        "server.host", "127.0.0.1",
                        "server.port", "0",
                        "carrel.data-dir", dir.resolve("hub").toString(),
                        "carrel.broker.host", "127.0.0.1",
                        "carrel.broker.port", "0",
                        "carrel.broker.persistent", "false",
                        "carrel.broker.credentials-file", credentials.toString()))),
                Clock.systemUTC());
        api = new HubHttp(hub);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void agentPublishingUnderAnotherAgentsPrefix_isRefusedAndNothingOfItIsStored() throws Exception {
        MqttAsyncClient victim = connect(VICTIM, victimSecret);
        publish(victim, VICTIM, new Status.Birth(1, "1.0.0", List.of(), Instant.now()))
                .waitForCompletion(5_000);
        publish(victim, VICTIM, event(1, 0)).waitForCompletion(5_000);
        api.await(
                "/api/agents/gate-1",
                a -> a.status() == 200 && a.body().get("lastSeq").asLong() == 0,
                Duration.ofSeconds(10));

        MqttAsyncClient mallory = connect(MALLORY, mallorySecret);
        Event forged = event(1, 1);
        IMqttToken death = publish(mallory, VICTIM, new Status.Death(1));
        IMqttToken event = publish(mallory, VICTIM, forged);
        assertRefused(death);
        assertRefused(event);
        mallory.disconnectForcibly(0, 1_000, false); // its in-flight slots are stuck; start afresh
        mallory.close(true);

        // Mallory's own prefix still works, and once that is stored, anything forged before it would be too.
        MqttAsyncClient again = connect(MALLORY, mallorySecret);
        publish(again, MALLORY, new Status.Birth(3, "1.0.0", List.of(), Instant.now()))
                .waitForCompletion(5_000);
        api.await(
                "/api/agents/reading-room-2",
                a -> a.status() == 200 && a.body().get("online").asBoolean(),
                Duration.ofSeconds(10));

        var victimNow = api.get("/api/agents/gate-1").body();
        assertTrue(victimNow.get("online").asBoolean(), "the forged Last Will changed nothing");
        assertEquals(1, victimNow.get("session").asLong());
        assertEquals(0, victimNow.get("lastSeq").asLong());
        Path db = dir.resolve("hub").resolve("carrel-hub.db");
        assertEquals(
                0,
                HubHttp.count(
                        db,
                        "SELECT count(*) FROM events WHERE id = ?",
                        forged.id().toString()));
        assertEquals(1, HubHttp.count(db, "SELECT count(*) FROM events WHERE agent_id = 'gate-1'"));
        assertEquals(0, HubHttp.count(db, "SELECT count(*) FROM events WHERE agent_id = 'reading-room-2'"));

        again.disconnect().waitForCompletion(5_000);
        again.close();
        victim.disconnect().waitForCompletion(5_000);
        victim.close();
    }

    @Test
    void agentWithAnotherAgentsClientIdOrWrongSecret_cannotConnect() throws Exception {
        MqttAsyncClient wrongId = new MqttAsyncClient(hub.brokerUri(), VICTIM.value(), new MemoryPersistence());
        MqttConnectionOptions o = options(MALLORY, mallorySecret);
        MqttException e1 = org.junit.jupiter.api.Assertions.assertThrows(
                MqttException.class, () -> wrongId.connect(o).waitForCompletion(5_000));
        assertFalse(wrongId.isConnected(), e1.toString());
        wrongId.close(true);

        MqttAsyncClient wrongSecret = new MqttAsyncClient(hub.brokerUri(), VICTIM.value(), new MemoryPersistence());
        org.junit.jupiter.api.Assertions.assertThrows(
                MqttException.class,
                () -> wrongSecret.connect(options(VICTIM, mallorySecret)).waitForCompletion(5_000));
        wrongSecret.close(true);
    }

    /** No PUBACK within the wait, or (a broker that answers) a failure reason code. */
    private static void assertRefused(IMqttToken token) {
        try {
            token.waitForCompletion(2_000);
        } catch (MqttException timedOutOrFailed) {
            return;
        }
        int[] codes = token.getReasonCodes();
        assertTrue(codes != null && codes.length > 0 && codes[0] >= 0x80, "the broker acknowledged a forged publish");
    }

    private MqttAsyncClient connect(AgentId agent, String secret) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(hub.brokerUri(), agent.value(), new MemoryPersistence());
        client.connect(options(agent, secret)).waitForCompletion(5_000);
        return client;
    }

    private static MqttConnectionOptions options(AgentId agent, String secret) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(agent.value());
        o.setPassword(secret.getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setConnectionTimeout(5);
        return o;
    }

    private IMqttToken publish(MqttAsyncClient client, AgentId topicOwner, Message message) throws MqttException {
        MqttMessage m = new MqttMessage(codec.encode(message));
        m.setQos(1);
        m.setRetained(message instanceof Status);
        return client.publish(WireCodec.topicFor(topicOwner, message).toString(), m);
    }

    private static Event event(long session, long seq) {
        return new Event(
                EventIds.system().next(), session, seq, Instant.now(), new EventBody.LampState("lamp-1", true, 100));
    }
}
