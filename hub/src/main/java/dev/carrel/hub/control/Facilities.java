package dev.carrel.hub.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.devices.AgentRegistry;
import dev.carrel.hub.ingest.HubMqttClient;
import dev.carrel.hub.ingest.IngestObserver;
import dev.carrel.hub.kiosks.KioskFeed;
import dev.carrel.hub.kiosks.RoomDays;
import dev.carrel.hub.live.ChangeFeed;
import dev.carrel.hub.live.LiveService;
import dev.carrel.hub.live.LiveState;
import dev.carrel.hub.live.LiveTap;
import dev.carrel.hub.schedules.Schedules;
import dev.carrel.hub.schedules.SchedulesService;
import dev.carrel.hub.schedules.SqliteScheduleStore;
import dev.carrel.hub.spaces.EndpointRef;
import dev.carrel.hub.spaces.SpaceModel;
import dev.carrel.hub.spaces.SpaceReader;
import dev.carrel.hub.spaces.Spaces;
import dev.carrel.hub.spaces.SpacesService;
import dev.carrel.hub.spaces.SqliteSpaceStore;
import dev.carrel.hub.store.Database;
import dev.carrel.hub.store.StoreWriter;
import dev.carrel.hub.twins.AgentPublisher;
import dev.carrel.hub.twins.SqliteTwinStore;
import dev.carrel.hub.twins.TwinStore;
import dev.carrel.hub.twins.Twins;
import dev.carrel.hub.twins.TwinsService;
import dev.carrel.hub.web.JsonResponses;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.Endpoint;
import dev.carrel.protocol.EventIds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The facilities side of the hub, wired by hand: the space model, twins, control, schedules and live state.
 * {@link #open} needs only the store (so ingest can be built with {@link #observer}); {@link #attach} adds
 * the MQTT client once it exists and starts the expiry sweep (every second) and the schedule tick (every
 * 15 s). {@code Hub} calls the three in that order.
 */
public final class Facilities implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Facilities.class.getName());
    /** How often kiosks' free-seat counts and room bookings are brought up to date. */
    private static final long KIOSK_EVERY_SECONDS = 30;

    /** Where the data lives and the clock, shared by every part. */
    public record Base(Database database, StoreWriter writer, AgentRegistry registry, ObjectMapper json, Clock clock) {}

    private final Base base;
    private final Spaces spaces;
    private final TwinStore twinStore;
    private final SqliteCommandStore commandStore;
    private final CommandMetrics metrics;
    private final ChangeFeed feed;
    private final LiveState live;
    private final Map<String, com.fasterxml.jackson.databind.JsonNode> fileSchedules;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("hub-facilities").daemon(true).factory());
    private volatile Twins twins;
    private volatile Control control;
    private volatile CommandOutcomes outcomes;
    private volatile Schedules schedules;
    private volatile AgentPublisher publisher;
    private volatile KioskFeed kiosks;

    private Facilities(Base base, Spaces spaces, Map<String, com.fasterxml.jackson.databind.JsonNode> fileSchedules) {
        this.base = base;
        this.spaces = spaces;
        this.fileSchedules = fileSchedules;
        this.twinStore = new SqliteTwinStore(base.database(), base.json());
        this.commandStore = new SqliteCommandStore(base.database());
        this.metrics = new CommandMetrics(
                io.helidon.service.registry.Services.get(io.helidon.metrics.api.MeterRegistry.class), commandStore);
        this.feed = new ChangeFeed(base.json());
        this.live = new LiveState(feed, spaces.current());
        spaces.onChange(live::modelChanged);
    }

    /**
     * Opens the stored space model, seeding it from {@code spacesFile} on the first start.
     *
     * @throws dev.carrel.protocol.InvalidFieldException when the file is invalid, naming the field
     */
    public static Facilities open(Optional<String> spacesFile, Base base) throws SQLException, IOException {
        SpaceReader.Contents contents = new SpaceReader.Contents(SpaceModel.empty(), Map.of());
        if (spacesFile.isPresent()) {
            try (InputStream in = open(spacesFile.get())) {
                contents = SpaceReader.readYaml(in);
            }
        }
        var store = new SqliteSpaceStore(base.database(), base.writer(), base.json(), base.clock());
        Spaces spaces = Spaces.open(store, () -> births(base.registry()), contents.model());
        return new Facilities(base, spaces, contents.schedules());
    }

    /** A file path, or {@code classpath:name} for a file shipped in the hub (the demo's library). */
    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String name = location.substring("classpath:".length());
            InputStream in = Facilities.class.getClassLoader().getResourceAsStream(name);
            if (in == null) {
                throw new IOException("no " + name + " on the classpath");
            }
            return in;
        }
        return Files.newInputStream(Path.of(location));
    }

    private static Map<EndpointRef, Endpoint.Kind> births(AgentRegistry registry) throws SQLException {
        Map<EndpointRef, Endpoint.Kind> out = new HashMap<>();
        for (var agent : registry.list()) {
            AgentId id = AgentId.of(agent.id());
            agent.endpoints().forEach(e -> out.put(new EndpointRef(id, e.id()), e.kind()));
        }
        return out;
    }

    /** What ingest tells the facilities: reported twins and command replies, inside ingest's transaction. */
    public IngestObserver observer(IngestObserver next) {
        return new FacilitiesObserver(next, twinStore, live, () -> outcomes);
    }

    /**
     * Adds the MQTT client: publishing, the live tap, twin re-sends, and the timers; {@code rooms} are the
     * discussion rooms' bookings the kiosk feed shows at their doors.
     */
    public void attach(HubMqttClient mqtt, RoomDays rooms) throws SQLException {
        publisher = mqtt;
        twins = new Twins(twinStore, base.writer(), mqtt, base.clock());
        control = new Control(
                spaces,
                twins,
                commandStore,
                base.writer(),
                mqtt,
                new Control.Effects(EventIds.system(), base.clock(), base.json(), feed));
        outcomes = new CommandOutcomes(control, twins, commandStore, base.writer(), base.clock());
        schedules = new Schedules(
                new SqliteScheduleStore(base.database(), base.writer()),
                spaces,
                twins,
                control,
                base.json(),
                base.clock());
        schedules.seed(fileSchedules);
        Twins t = twins;
        mqtt.tap(new LiveTap(live, agent -> timer.execute(() -> quietly("twin re-send", () -> t.resend(agent))))::seen);
        mqtt.tap(new GateExits(spaces, mqtt, EventIds.system(), base.clock())::seen);
        mqtt.onConnected(() -> timer.execute(() -> quietly("twin re-send", t::resendAll)));
        timer.scheduleWithFixedDelay(() -> quietly("command expiry", () -> outcomes.sweep()), 1, 1, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(() -> quietly("schedule tick", () -> schedules.tick()), 2, 15, TimeUnit.SECONDS);
        kiosks = new KioskFeed(spaces::current, live, rooms, twins, base.clock());
        KioskFeed k = kiosks;
        timer.scheduleWithFixedDelay(() -> quietly("kiosk feed", k::refresh), 3, KIOSK_EVERY_SECONDS, TimeUnit.SECONDS);
    }

    private interface Job {
        void run() throws SQLException;
    }

    private static void quietly(String what, Job job) {
        try {
            job.run();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, what + " failed", e);
        }
    }

    /** The facilities' REST routes and the live stream. */
    public void routing(io.helidon.webserver.http.HttpRouting.Builder r, JsonResponses responses) {
        ObjectMapper json = base.json();
        LiveService liveService = new LiveService(live, feed, responses);
        KnownAgents known = new KnownAgents(base.registry(), spaces);
        r.get("/api/spaces/zones/{id}/state", liveService::zone)
                .get("/api/stream", liveService::stream)
                .register("/api/spaces", new SpacesService(spaces, json, responses))
                .register("/api/agents", new TwinsService(twins, known::known, json, responses))
                .register("/api/control", new ControlService(control, json, responses))
                .register("/api/agents", new AgentCommandsService(base.registry(), control, json, responses))
                .register("/api/schedules", new SchedulesService(schedules, json, responses));
    }

    public Spaces spaces() {
        return spaces;
    }

    public Control control() {
        return control;
    }

    public CommandOutcomes outcomes() {
        return outcomes;
    }

    public Schedules schedules() {
        return schedules;
    }

    public Twins twins() {
        return twins;
    }

    /** What the kiosks show from the hub: free seats at the gates, today's bookings at room doors. */
    public KioskFeed kiosks() {
        return kiosks;
    }

    public LiveState live() {
        return live;
    }

    public ChangeFeed feed() {
        return feed;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        metrics.close();
    }
}
