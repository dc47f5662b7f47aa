package dev.carrel.agent;

import dev.carrel.agent.mqtt.AgentConnection;
import dev.carrel.agent.mqtt.SessionCounter;
import dev.carrel.agent.outbox.OutboxConfig;
import dev.carrel.agent.telemetry.Health;
import dev.carrel.protocol.Endpoint;
import dev.carrel.protocol.EventIds;
import dev.carrel.protocol.Status;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A running edge agent: its MQTT connection, its events and its telemetry, wired by hand. {@link Main} runs
 * one from a YAML file; the demo runs several in one process.
 */
public final class EdgeAgent implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EdgeAgent.class.getName());

    private final AgentConfig config;
    private final AgentConnection connection;
    private final Events events;
    private final Health health;
    private final ScheduledExecutorService timer;

    private EdgeAgent(AgentConfig config, AgentConnection connection, Events events, Health health) {
        this.config = config;
        this.connection = connection;
        this.events = events;
        this.health = health;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("agent-" + config.id()).daemon(true).factory());
    }

    /** Starts connecting and publishing; returns at once, the connection comes up in the background. */
    public static EdgeAgent start(AgentConfig config, List<Endpoint> endpoints, Clock clock) throws Exception {
        SessionCounter sessions = new SessionCounter(config.dataDir().resolve("session"));
        AgentConnection connection = new AgentConnection(
                config.id(),
                config.broker().toString(),
                config.password(),
                config.keepAlive(),
                sessions,
                session -> new Status.Birth(session, config.version(), endpoints, clock.instant()));
        Events events = Events.open(connection, OutboxConfig.in(config.dataDir()), EventIds.system(), clock);
        Health health = new Health(clock, events::pending);
        EdgeAgent agent = new EdgeAgent(config, connection, events, health);
        connection.onConnected(session -> agent.timer.execute(events::flush));
        long period = config.telemetryInterval().toMillis();
        agent.timer.scheduleAtFixedRate(agent::publishTelemetry, period, period, TimeUnit.MILLISECONDS);
        connection.start();
        return agent;
    }

    private void publishTelemetry() {
        if (!connection.connected()) {
            return; // QoS 0 health is only worth sending now
        }
        try {
            connection.publish(health.sample(0), 0, false);
        } catch (Exception e) {
            LOG.log(Level.FINE, "telemetry of " + config.id() + " not sent", e);
        }
    }

    public Events events() {
        return events;
    }

    public boolean connected() {
        return connection.connected();
    }

    public long session() {
        return connection.session();
    }

    public AgentConfig config() {
        return config;
    }

    /** Stops as a crash would: no goodbye, so the broker publishes the Last Will. */
    public void crash() {
        timer.shutdownNow();
        connection.crash();
        events.close();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        connection.close();
        events.close();
    }
}
