package dev.carrel.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.access.Access;
import dev.carrel.hub.access.AccessConfig;
import dev.carrel.hub.analytics.Analytics;
import dev.carrel.hub.analytics.AnalyticsSettings;
import dev.carrel.hub.analytics.OpeningHours;
import dev.carrel.hub.broker.BrokerUsers;
import dev.carrel.hub.broker.EmbeddedBroker;
import dev.carrel.hub.control.Facilities;
import dev.carrel.hub.devices.AgentRegistry;
import dev.carrel.hub.engagement.Engagement;
import dev.carrel.hub.enrolment.BrokerSeats;
import dev.carrel.hub.enrolment.EmbeddedBrokerSeats;
import dev.carrel.hub.enrolment.Enrolment;
import dev.carrel.hub.enrolment.EnrolmentFeature;
import dev.carrel.hub.enrolment.ExternalBrokerSeats;
import dev.carrel.hub.ingest.DeadLetterStore;
import dev.carrel.hub.ingest.HubMqttClient;
import dev.carrel.hub.ingest.Ingest;
import dev.carrel.hub.ingest.IngestMetrics;
import dev.carrel.hub.ingest.SqliteDeadLetterStore;
import dev.carrel.hub.monitoring.AlertRules;
import dev.carrel.hub.monitoring.AlertStore;
import dev.carrel.hub.monitoring.MonitoringJobs;
import dev.carrel.hub.monitoring.MonitoringMetrics;
import dev.carrel.hub.monitoring.Retention;
import dev.carrel.hub.monitoring.SqliteAlertStore;
import dev.carrel.hub.monitoring.SqliteTelemetryStore;
import dev.carrel.hub.monitoring.TelemetryStore;
import dev.carrel.hub.privacy.PatronPrivacy;
import dev.carrel.hub.privacy.Privacy;
import dev.carrel.hub.reservations.ReservationsFeature;
import dev.carrel.hub.staff.StaffFeature;
import dev.carrel.hub.store.Database;
import dev.carrel.hub.store.StoreWriter;
import dev.carrel.protocol.WireJson;
import io.helidon.config.Config;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.service.registry.Services;
import io.helidon.webserver.WebServer;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
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
    private final MonitoringJobs monitoringJobs;
    private final MonitoringMetrics monitoringMetrics;
    private final Facilities facilities;
    private final Optional<Access> access;
    private final ReservationsFeature reservations;
    private final Analytics analytics;
    private final Ingest ingest;
    private final Privacy privacy;
    private final StaffFeature staff;

    private Hub(Parts parts) {
        this.database = parts.database;
        this.writer = parts.writer;
        this.broker = parts.broker;
        this.users = parts.users;
        this.brokerUri = parts.brokerUri;
        this.mqtt = parts.mqtt;
        this.metrics = parts.metrics;
        this.server = parts.server;
        this.monitoringJobs = parts.monitoringJobs;
        this.monitoringMetrics = parts.monitoringMetrics;
        this.facilities = parts.facilities;
        this.access = parts.access;
        this.reservations = parts.reservations;
        this.analytics = parts.analytics;
        this.ingest = parts.ingest;
        this.privacy = parts.privacy;
        this.staff = parts.staff;
    }

    /** Collects what {@link #start} has opened, so a failure half-way closes exactly that. */
    static final class Parts {
        Database database;
        StoreWriter writer;
        Optional<EmbeddedBroker> broker = Optional.empty();
        BrokerUsers users = new BrokerUsers();
        String brokerUri;
        HubMqttClient mqtt;
        IngestMetrics metrics;
        WebServer server;
        Facilities facilities;
        MonitoringJobs monitoringJobs;
        MonitoringMetrics monitoringMetrics;
        Monitoring monitoring;
        Clock clock;
        Optional<Access> access = Optional.empty();
        EnrolmentFeature enrolment;
        ReservationsFeature reservations;
        Analytics analytics;
        Ingest ingest;
        Privacy privacy;
        Engagement engagement;
        StaffFeature staff;
    }

    /** The monitoring stores, shared by ingest, the periodic jobs and the API. */
    record Monitoring(DeadLetterStore deadLetters, AlertStore alerts, TelemetryStore telemetry) {}

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
            p.writer = new StoreWriter(
                    p.database,
                    (what, e) -> {
                        metrics.storeFailure();
                        LOG.log(Level.WARNING, "store refused " + what, e);
                    },
                    metrics);
            AgentRegistry registry = new AgentRegistry(p.database, json);
            p.facilities = Facilities.open(
                    config.spacesFile(), new Facilities.Base(p.database, p.writer, registry, json, clock));
            p.clock = clock;
            p.monitoring = new Monitoring(
                    new SqliteDeadLetterStore(p.database),
                    new SqliteAlertStore(p.database),
                    new SqliteTelemetryStore(p.database));
            AlertRules rules = new AlertRules(p.monitoring.alerts(), registry, config.monitoring());
            Facilities f = p.facilities;
            p.reservations = ReservationsFeature.open(
                    root.get("carrel"),
                    new ReservationsFeature.Base(p.database, p.writer, f.spaces(), f::schedules, json, clock));
            p.engagement = Engagement.open(
                    new Engagement.Base(p.database, p.writer, json, clock, p.facilities.spaces()::current));
            Ingest ingest = new Ingest(
                    p.writer,
                    registry,
                    Ingest.Sinks.of(
                            json,
                            p.monitoring.deadLetters(),
                            p.engagement.observer(p.facilities.observer(p.reservations.observer(rules)))),
                    p.metrics,
                    clock);
            p.monitoringJobs = new MonitoringJobs(
                            p.writer,
                            rules,
                            new Retention(p.monitoring.telemetry(), p.monitoring.deadLetters(), config.monitoring()),
                            clock)
                    .start(config.monitoring());
            p.monitoringMetrics = new MonitoringMetrics(Services.get(MeterRegistry.class), registry);
            p.access = openAccess(root, config, registry, json, p);
            p.privacy = new Privacy(p.database, p.writer, clock);
            p.access.ifPresent(a -> PatronPrivacy.register(p.privacy, a));
            p.privacy.register(p.engagement.patronData());
            p.privacy.register(p.reservations.patronData());
            connectBroker(config, p, ingest);
            p.ingest = ingest;
            p.analytics = Analytics.open(
                            AnalyticsSettings.from(root.get("carrel")),
                            new Analytics.Base(
                                    p.database,
                                    p.writer,
                                    p.facilities.spaces()::current,
                                    OpeningHours.of(
                                            b -> p.facilities.schedules().find(b)),
                                    clock))
                    .start();
            p.access.ifPresent(a -> p.analytics.passes(a.patrons().key()::passHash));
            p.analytics.addSegmentColumn(p.reservations.bookingsColumn());
            p.privacy.register(p.analytics.patronData());
            p.enrolment = EnrolmentFeature.open(p.database, p.writer, seats(root, config, p), site(root, p), clock);
            ingest.ignoring(p.enrolment.enrolment()::revoked);
            p.staff = StaffFeature.open(root.get("carrel.staff"), p.database, p.writer, clock);
            p.server = HubWeb.start(root, registry, json, p);
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
                if (e.credentialsFile().isPresent()) {
                    p.users = BrokerUsers.load(e.credentialsFile().get());
                }
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
        p.mqtt = new HubMqttClient(
                p.brokerUri,
                new HubMqttClient.Session(
                        config.subscriber().clientId(), config.subscriber().shareGroup()),
                user,
                password,
                ingest);
        p.facilities.attach(p.mqtt, p.reservations.roomDays());
        p.access.ifPresent(a -> a.attach(p.mqtt, p.facilities.twins()));
        p.reservations.attach(p.mqtt, p.access);
        p.mqtt.start();
        // With the broker in this process, start is not done until the hub listens: an agent that connects
        // right after would otherwise publish its first events to nobody. An external broker may be down at
        // start; then the hub serves its API meanwhile and the client keeps trying.
        if (p.broker.isPresent() && !p.mqtt.awaitSubscribed(java.time.Duration.ofSeconds(15))) {
            LOG.warning("the hub's MQTT client is not subscribed to its own broker after 15 s; still trying");
        }
    }

    /** Patrons, gates' access and passes: only with {@code carrel.site.secret-file} (docs/patrons.md). */
    private static Optional<Access> openAccess(
            Config root, HubConfig config, AgentRegistry registry, ObjectMapper json, Parts p) throws Exception {
        Optional<AccessConfig> access = AccessConfig.from(root.get("carrel"));
        if (access.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Access.open(
                access.get(), new Access.Base(p.database, p.writer, registry, json, p.clock, config.dataDir())));
    }

    /** Where enrolment makes each device's broker seat (docs/operations.md). */
    private static BrokerSeats seats(Config root, HubConfig config, Parts p) {
        return switch (config.broker()) {
            case HubConfig.Embedded e -> new EmbeddedBrokerSeats(p.users, e.credentialsFile(), p.broker);
            case HubConfig.External e ->
                ExternalBrokerSeats.from(root.get("carrel.broker.mosquitto"), e.user(), e.password());
        };
    }

    /** The site's id and mobile-pass key, which a new device gets at enrolment, when patrons are set up. */
    private static Enrolment.Site site(Config root, Parts p) {
        String id =
                AccessConfig.from(root.get("carrel")).map(AccessConfig::siteId).orElse("");
        return new Enrolment.Site(
                id,
                p.access
                        .map(a -> List.of(a.extras().passKeys().publicKeyText()))
                        .orElse(List.of()));
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

    /** Patrons and access, when {@code carrel.site.secret-file} is configured. */
    public Optional<Access> access() {
        return access;
    }

    /** Seat and room reservations. */
    public ReservationsFeature reservations() {
        return reservations;
    }

    /** Visits, space, patrons, awards and energy, and the retention of raw events (docs/analytics.md). */
    public Analytics analytics() {
        return analytics;
    }

    /** Where messages from agents are stored; the demo feeds its simulated history through it. */
    public Ingest ingest() {
        return ingest;
    }

    /** Export and erasure of a patron's data; features register their {@code PatronData} here. */
    public Privacy privacy() {
        return privacy;
    }

    /** Staff accounts, API tokens and the audit log. */
    public StaffFeature staff() {
        return staff;
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
        if (access != null) {
            access.ifPresent(Access::close);
        }
        if (reservations != null) {
            reservations.close();
        }
        if (analytics != null) {
            analytics.close();
        }
        if (mqtt != null) {
            mqtt.close();
        }
        if (monitoringJobs != null) {
            monitoringJobs.close();
        }
        if (monitoringMetrics != null) {
            monitoringMetrics.close();
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
