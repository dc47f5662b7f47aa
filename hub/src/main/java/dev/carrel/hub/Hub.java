package dev.carrel.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.broker.BrokerUsers;
import dev.carrel.hub.broker.EmbeddedBroker;
import dev.carrel.hub.control.Facilities;
import dev.carrel.hub.devices.AgentRegistry;
import dev.carrel.hub.devices.AgentsService;
import dev.carrel.hub.ingest.HubMqttClient;
import dev.carrel.hub.ingest.Ingest;
import dev.carrel.hub.ingest.IngestMetrics;
import dev.carrel.hub.ingest.IngestObserver;
import dev.carrel.hub.ingest.SqliteDeadLetterStore;
import dev.carrel.hub.store.Database;
import dev.carrel.hub.store.StoreWriter;
import dev.carrel.hub.web.JsonResponses;
import dev.carrel.protocol.WireJson;
import io.helidon.config.Config;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.service.registry.Services;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.helidon.webserver.staticcontent.StaticContentFeature;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The running hub: database, broker, ingest and web server, wired by hand and stopped in reverse order.
 * {@link Main} runs one; the demo and the end-to-end tests run one in their own process.
 */
public final class Hub implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Hub.class.getName());

    private final Database database;
    private final StoreWriter writer;
    private final Optional<EmbeddedBroker> broker;
    private final BrokerUsers users;
    private final String brokerUri;
    private final HubMqttClient mqtt;
    private final IngestMetrics metrics;
    private final WebServer server;
    private final Facilities facilities;

    private Hub(Parts parts) {
        this.database = parts.database;
        this.writer = parts.writer;
        this.broker = parts.broker;
        this.users = parts.users;
        this.brokerUri = parts.brokerUri;
        this.mqtt = parts.mqtt;
        this.metrics = parts.metrics;
        this.server = parts.server;
        this.facilities = parts.facilities;
    }

    /** Collects what {@link #start} has opened, so a failure half-way closes exactly that. */
    private static final class Parts {
        Database database;
        StoreWriter writer;
        Optional<EmbeddedBroker> broker = Optional.empty();
        BrokerUsers users = new BrokerUsers();
        String brokerUri;
        HubMqttClient mqtt;
        IngestMetrics metrics;
        WebServer server;
        Facilities facilities;
    }

    /**
     * Starts the hub.
     *
     * @param root the whole configuration: {@code carrel} for the hub, {@code server} for the web server
     */
    public static Hub start(Config root, Clock clock) throws Exception {
        HubConfig config = HubConfig.from(root);
        ObjectMapper json = WireJson.mapper();
        Parts p = new Parts();
        try {
            p.database = Database.open(config.dataDir().resolve("carrel-hub.db"));
            p.metrics = new IngestMetrics(Services.get(MeterRegistry.class));
            IngestMetrics metrics = p.metrics;
            p.writer = new StoreWriter(p.database, (what, e) -> {
                metrics.storeFailure();
                LOG.log(Level.WARNING, "store refused " + what, e);
            });
            AgentRegistry registry = new AgentRegistry(p.database, json);
            p.facilities = Facilities.open(
                    config.spacesFile(), new Facilities.Base(p.database, p.writer, registry, json, clock));
            Ingest ingest = new Ingest(
                    p.writer,
                    registry,
                    Ingest.Sinks.of(
                            json, new SqliteDeadLetterStore(p.database), p.facilities.observer(IngestObserver.NONE)),
                    p.metrics,
                    clock);
            connectBroker(config, p, ingest);
            p.server = webServer(root, registry, json, p);
            return new Hub(p);
        } catch (Exception | Error e) {
            new Hub(p).close();
            throw e;
        }
    }

    private static void connectBroker(HubConfig config, Parts p, Ingest ingest) throws Exception {
        String user;
        char[] password;
        switch (config.broker()) {
            case HubConfig.Embedded e -> {
                p.broker = Optional.of(EmbeddedBroker.start(
                        e.host(), e.port(), config.dataDir().resolve("broker"), e.persistent(), p.users));
                p.brokerUri = p.broker.get().uri();
                // The hub's own secret lives in memory only and is new at every start: no default password.
                user = "carrel-hub";
                password = p.users.issue(user, BrokerUsers.Role.HUB).toCharArray();
            }
            case HubConfig.External e -> {
                p.brokerUri = e.url();
                user = e.user();
                password = e.password().toCharArray();
            }
        }
        p.mqtt = new HubMqttClient(p.brokerUri, "carrel-hub", user, password, ingest);
        p.facilities.attach(p.mqtt);
        p.mqtt.start();
    }

    private static WebServer webServer(Config root, AgentRegistry registry, ObjectMapper json, Parts p) {
        Database database = p.database;
        HubMqttClient mqtt = p.mqtt;
        JsonResponses responses = new JsonResponses(json);
        return WebServer.builder()
                .config(root.get("server"))
                .featuresDiscoverServices(false)
                .addFeature(ObserveFeature.builder()
                        .addObserver(HealthObserver.builder()
                                .details(true)
                                .addCheck(
                                        () -> HealthCheckResponse.builder()
                                                .status(mqtt.connected())
                                                .build(),
                                        HealthCheckType.READINESS,
                                        "mqtt")
                                .addCheck(
                                        () -> HealthCheckResponse.builder()
                                                .status(databaseAnswers(database))
                                                .build(),
                                        HealthCheckType.READINESS,
                                        "database")
                                .build())
                        .addObserver(MetricsObserver.create())
                        .build())
                .addFeature(StaticContentFeature.builder()
                        .addClasspath(
                                cl -> cl.location("web").welcome("index.html").context("/"))
                        .build())
                .routing(r -> {
                    r.register("/api/agents", new AgentsService(registry, responses));
                    p.facilities.routing(r, responses);
                })
                .build()
                .start();
    }

    private static boolean databaseAnswers(Database database) {
        try {
            return database.read(c -> c.createStatement().execute("SELECT 1"));
        } catch (SQLException e) {
            return false;
        }
    }

    public int httpPort() {
        return server.port();
    }

    /** Where agents connect. */
    public String brokerUri() {
        return brokerUri;
    }

    /** The embedded broker's users; issuing a secret here lets an agent connect. */
    public BrokerUsers brokerUsers() {
        return users;
    }

    public IngestMetrics ingestMetrics() {
        return metrics;
    }

    /** Spaces, twins, control, schedules and live state. */
    public Facilities facilities() {
        return facilities;
    }

    public boolean mqttConnected() {
        return mqtt != null && mqtt.connected();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
        if (facilities != null) {
            facilities.close();
        }
        if (mqtt != null) {
            mqtt.close();
        }
        broker.ifPresent(EmbeddedBroker::close);
        try {
            if (writer != null) {
                writer.close();
            }
            if (database != null) {
                database.close();
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "closing the database", e);
        }
    }
}
