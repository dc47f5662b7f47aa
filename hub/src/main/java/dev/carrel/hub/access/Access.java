package dev.carrel.hub.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.devices.AgentRegistry;
import dev.carrel.hub.devices.AgentView;
import dev.carrel.hub.ingest.HubMqttClient;
import dev.carrel.hub.patrons.AllowlistLedger;
import dev.carrel.hub.patrons.ImportJobs;
import dev.carrel.hub.patrons.Patrons;
import dev.carrel.hub.patrons.PatronsService;
import dev.carrel.hub.patrons.Pins;
import dev.carrel.hub.patrons.SiteKey;
import dev.carrel.hub.patrons.SqlitePatronStore;
import dev.carrel.hub.store.Database;
import dev.carrel.hub.store.StoreWriter;
import dev.carrel.hub.twins.Twins;
import dev.carrel.hub.web.JsonResponses;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.AuthorisationRequest;
import io.helidon.webserver.http.HttpRouting;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Patrons and access, wired by hand like {@code Facilities}: the registry and its CSV import, allow-list
 * distribution to the gates, online authorisation, and (through {@link AccessExtras}) the mobile pass and
 * SIP2 reminders. {@code Hub} calls {@link #open}, then {@link #attach} before the MQTT client starts, then
 * {@link #routing}.
 */
public final class Access implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Access.class.getName());

    /** What access is built on. */
    public record Base(
            Database database,
            StoreWriter writer,
            AgentRegistry registry,
            ObjectMapper json,
            Clock clock,
            Path dataDir) {}

    private final AccessConfig config;
    private final Base base;
    private final Patrons patrons;
    private final ImportJobs imports;
    private final GateAgents gates = new GateAgents();
    private final ExecutorService work = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("hub-access").daemon(true).factory());
    private final ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor();
    private final AccessExtras extras;
    private volatile AllowlistDistributor distributor;

    private Access(AccessConfig config, Base base, Patrons patrons) throws IOException {
        this.config = config;
        this.base = base;
        this.patrons = patrons;
        this.imports = new ImportJobs(patrons, base.writer(), base.clock(), config.importRemovalLimitPercent());
        this.extras = AccessExtras.open(config, base, patrons, gates);
    }

    public static Access open(AccessConfig config, Base base) throws IOException, SQLException {
        SiteKey key = SiteKey.read(config.secretFile());
        Patrons patrons = new Patrons(
                new Patrons.Base(
                        new SqlitePatronStore(base.database()),
                        new AllowlistLedger(base.database()),
                        base.writer(),
                        base.clock()),
                key,
                new Pins(config.passes().pinIterations()));
        Access access = new Access(config, base, patrons);
        for (AgentView agent : base.registry().list()) {
            if (GateAgents.isGate(agent.endpoints())) {
                access.gates.born(AgentId.of(agent.id()), agent.endpoints());
                if (!agent.online()) {
                    access.gates.died(AgentId.of(agent.id()));
                }
            }
        }
        return access;
    }

    /** Adds the MQTT client: allow-list pushes, online authorisation, reminders and pass keys for gates. */
    public void attach(HubMqttClient mqtt, Twins twins) {
        AllowlistDistributor d = new AllowlistDistributor(
                new AllowlistLedger(base.database()), gates, mqtt, agent -> storedReport(twins, agent));
        distributor = d;
        OnlineAuthoriser authoriser =
                new OnlineAuthoriser(patrons, mqtt::respond, lookups, base.clock(), config.cacheSeconds());
        mqtt.onRequest(AuthorisationRequest.NAME, authoriser::request);
        AccessTap tap = new AccessTap(
                gates,
                new AccessTap.Sinks(
                        gate -> later("gate birth", () -> {
                            d.born(gate);
                            extras.gateBorn(gate);
                        }),
                        r -> later("allow-list report", () -> d.reported(r.gate(), r.version(), r.gap()))));
        mqtt.tap(tap::seen);
        mqtt.onConnected(() -> later("allow-list catch-up", d::connected));
        patrons.observe(changes -> later("allow-list push", d::changed));
        extras.attach(mqtt, twins);
    }

    private static Optional<Long> storedReport(Twins twins, AgentId agent) {
        try {
            return twins.view(agent)
                    .reported()
                    .flatMap(state -> state.get("allowlistVersion") instanceof Number n
                            ? Optional.of(n.longValue())
                            : Optional.empty());
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "cannot read the reported twin of " + agent, e);
            return Optional.empty();
        }
    }

    private interface Job {
        void run() throws SQLException;
    }

    private void later(String what, Job job) {
        work.execute(() -> {
            try {
                job.run();
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.WARNING, what + " failed", e);
            }
        });
    }

    /** The patron API, the pass page and its API. */
    public void routing(HttpRouting.Builder r, JsonResponses responses) {
        r.register("/api/patrons", new PatronsService(patrons, imports, base.json(), responses));
        extras.routing(r, responses);
    }

    public Patrons patrons() {
        return patrons;
    }

    public AccessConfig config() {
        return config;
    }

    /** CSV imports of the patron registry, as {@code POST /api/patrons/imports} runs them. */
    public ImportJobs imports() {
        return imports;
    }

    public GateAgents gates() {
        return gates;
    }

    public AccessExtras extras() {
        return extras;
    }

    public Optional<AllowlistDistributor> distributor() {
        return Optional.ofNullable(distributor);
    }

    @Override
    public void close() {
        extras.close();
        imports.close();
        work.shutdownNow();
        lookups.shutdownNow();
    }
}
