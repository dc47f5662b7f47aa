package dev.carrel.agent;

import dev.carrel.agent.control.ClosingSchedule;
import dev.carrel.agent.control.CommandHandler;
import dev.carrel.agent.control.DeviceCommands;
import dev.carrel.agent.control.TwinApplier;
import dev.carrel.agent.devices.AgentDevices;
import dev.carrel.agent.devices.DeviceFaults;
import dev.carrel.agent.gate.CredentialHasher;
import dev.carrel.agent.gate.SiteSecret;
import dev.carrel.agent.kiosk.HubBooking;
import dev.carrel.agent.kiosk.KioskCardReader;
import dev.carrel.agent.kiosk.KioskEvent;
import dev.carrel.agent.kiosk.KioskFeed;
import dev.carrel.agent.kiosk.KioskPatron;
import dev.carrel.agent.kiosk.KioskProfile;
import dev.carrel.agent.kiosk.KioskServer;
import dev.carrel.agent.kiosk.KioskTwin;
import dev.carrel.agent.kiosk.SeatViewsOf;
import dev.carrel.agent.mqtt.AgentConnection;
import dev.carrel.agent.mqtt.SessionCounter;
import dev.carrel.agent.outbox.OutboxConfig;
import dev.carrel.agent.seats.DeviceSeatEffects;
import dev.carrel.agent.seats.SeatSessions;
import dev.carrel.agent.seats.SqliteSeatStore;
import dev.carrel.agent.service.Watchdog;
import dev.carrel.agent.telemetry.Health;
import dev.carrel.drivers.CredentialReader;
import dev.carrel.drivers.Hardware;
import dev.carrel.drivers.SystemScheduler;
import dev.carrel.drivers.config.DriverFactory;
import dev.carrel.protocol.BookingRequest;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.EventIds;
import dev.carrel.protocol.Status;
import dev.carrel.protocol.Topic;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A running edge agent, wired by hand: devices from its layout, seat sessions bound to them, commands and
 * the desired twin from the hub, events and telemetry to it. {@link Main} runs one from a YAML file; the
 * demo runs several in one process with simulated drivers.
 */
public final class EdgeAgent implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EdgeAgent.class.getName());

    private final AgentConfig config;
    private final Parts parts;
    private final ScheduledExecutorService timer;
    private volatile ClosingSchedule closings = ClosingSchedule.NONE;
    private Instant lastTick;
    private volatile Instant lastTickDone = Instant.now();
    private boolean wasOnline;

    /** What the agent is made of; filled in by {@link #start} and closed in reverse. */
    private static final class Parts {
        SystemScheduler scheduler;
        AgentDevices devices;
        AgentConnection connection;
        Events events;
        SqliteSeatStore seatStore;
        SeatSessions seats;
        TwinApplier twin;
        Health health;
        KioskFeed kioskFeed = new KioskFeed();
        KioskPatron kioskPatron;
        KioskServer kiosk;
        AccessWiring access = new AccessWiring();
    }

    private EdgeAgent(AgentConfig config, Parts parts, Clock clock) {
        this.config = config;
        this.parts = parts;
        this.lastTick = clock.instant();
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("agent-" + config.id()).daemon(true).factory());
    }

    /**
     * Starts the agent; returns once its devices and seats are up. The connection to the broker comes up in
     * the background, and everything local works without it.
     */
    public static EdgeAgent start(AgentConfig config, AgentLayout layout, Hardware hardware, Clock clock)
            throws Exception {
        Parts p = new Parts();
        try {
            DeviceFaults faults = new DeviceFaults();
            p.scheduler = new SystemScheduler(clock);
            p.devices = new AgentDevices(layout.endpoints(), new DriverFactory(hardware, p.scheduler, faults));
            var endpoints = p.devices.endpoints();
            SessionCounter sessions = new SessionCounter(config.dataDir().resolve("session"));
            p.connection = new AgentConnection(
                    config.id(),
                    config.broker().toString(),
                    config.password(),
                    config.keepAlive(),
                    sessions,
                    session -> new Status.Birth(session, config.version(), endpoints, clock.instant()));
            p.events = Events.open(p.connection, OutboxConfig.in(config.dataDir()), EventIds.system(), clock);
            faults.publishTo(p.events::publish);
            p.kioskPatron = new KioskPatron(clock);
            DeviceSeatEffects effects = new DeviceSeatEffects(p.devices, event -> {
                p.events.publish(event);
                if (event instanceof EventBody.SeatStateChanged && p.seats != null) {
                    p.kioskFeed.publish(new KioskEvent.SeatMap(SeatViewsOf.seats(p.seats)));
                }
            });
            p.seatStore = new SqliteSeatStore(config.dataDir().resolve("seats.db"));
            p.seats = new SeatSessions(layout.seats(), layout.rules(), p.seatStore, effects, clock);
            p.health = new Health(clock, p.events::pending);
            EdgeAgent agent = new EdgeAgent(config, p, clock);
            agent.wire(layout, effects, clock);
            if (layout.kiosk().isPresent()) {
                agent.startKiosk(layout.kiosk().get(), layout.site(), clock);
            }
            return agent;
        } catch (Exception | Error e) {
            close(p);
            throw e;
        }
    }

    /**
     * What the reported twin carries beside lamps and outlets: access's allow-list version, and every seat's
     * state, so a hub that starts (or restarts) knows the free seats before any of them changes.
     */
    private Map<String, Object> reportedExtras() {
        Map<String, Object> extras = new java.util.LinkedHashMap<>(parts.access.reported());
        Map<String, Object> seats = new java.util.TreeMap<>();
        for (dev.carrel.agent.seats.Seat seat : parts.seats.seats()) {
            seats.put(seat.id(), seat.state().name().toLowerCase(java.util.Locale.ROOT));
        }
        extras.put("seats", seats);
        return extras;
    }

    private void wire(AgentLayout layout, DeviceSeatEffects effects, Clock clock) {
        Parts p = parts;
        new SeatSensors(p.devices, p.seats, p.events).listen(layout.seats());
        new OutletMeters(config.telemetryInterval(), clock, effects::publish).listen(p.devices);
        p.twin = new TwinApplier(
                config.dataDir().resolve("twin-desired.json"),
                p.devices,
                effects,
                new TwinApplier.Sinks(
                        this::publishRetained,
                        schedule -> closings = schedule,
                        this::reportedExtras,
                        p.access::desired),
                clock);
        CommandHandler commands = new CommandHandler(
                new DeviceCommands(p.devices, effects, p.seats, timer, this::resync), this::publishQos1, clock);
        p.connection.on(Topic.Kind.COMMAND, commands::accept);
        p.connection.on(Topic.Kind.TWIN_DESIRED, p.twin::accept);
        p.connection.onConnected(session -> timer.execute(() -> {
            p.events.flush();
            p.twin.report();
        }));
        p.access.onReportWanted(this::resync);
        try {
            p.access.wire(
                    layout,
                    config.dataDir(),
                    new AccessWiring.Parts(
                            p.devices,
                            p.connection,
                            p.events,
                            p.seats,
                            p.kioskFeed,
                            p.kioskPatron,
                            p.scheduler,
                            timer));
        } catch (java.io.IOException | java.sql.SQLException e) {
            throw new IllegalStateException(
                    "agent " + config.id() + ": access control cannot start: " + e.getMessage(), e);
        }
        p.twin.restore();
        p.seats.resume();
        timer.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        startWatchdog(clock);
        long period = config.telemetryInterval().toMillis();
        timer.scheduleAtFixedRate(this::publishTelemetry, period, period, TimeUnit.MILLISECONDS);
        p.connection.start();
    }

    /** The kiosk's web server, and its own card reader when it has one (docs/kiosk.md). */
    private void startKiosk(AgentLayout.KioskSettings k, Optional<AgentLayout.SiteSettings> site, Clock clock)
            throws IOException {
        Parts p = parts;
        Optional<HubBooking> booking = Optional.empty();
        // A reading room's kiosk books its seats; a room's door books the room through its seat.
        if (k.profile().mode() == KioskProfile.Mode.READING_ROOM || k.profile().mode() == KioskProfile.Mode.ROOM) {
            HubBooking hub = HubBooking.over(p.connection, HubBooking.WAIT);
            p.connection.onResponse(BookingRequest.NAME, hub::onResponse);
            booking = Optional.of(hub);
        }
        KioskServer.Sources sources = new KioskServer.Sources(
                p.connection::connected,
                new KioskTwin(p.twin::desiredState),
                () -> closings,
                p.events::publish,
                clock,
                booking);
        p.kiosk = new KioskServer(
                k.host(),
                k.port(),
                new KioskServer.Parts(config.id().value(), k.profile(), p.seats, p.kioskPatron, p.kioskFeed, sources));
        if (k.reader().isPresent() && site.isPresent()) {
            String id = k.reader().get();
            CredentialReader reader = p.devices
                    .find(id, CredentialReader.class)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "configuration key 'kiosk.reader' names '" + id + "', which is not a credential reader"));
            CredentialHasher hasher =
                    new CredentialHasher(SiteSecret.read(site.get().secretFile()));
            KioskCardReader kioskReader = new KioskCardReader(hasher, p.kioskPatron, p.seats, p.kioskFeed);
            if (k.profile().mode() == KioskProfile.Mode.EVENT) {
                kioskReader.checkingInTo(p.events::publish);
            }
            kioskReader.attach(reader);
        }
    }

    /** Every second: seat deadlines and the closing schedule. Never throws, or the timer would stop. */
    private void tick() {
        try {
            Instant now = parts.scheduler.now();
            lastTickDone = now;
            parts.seats.tick();
            boolean online = parts.connection.connected();
            if (online != wasOnline) {
                wasOnline = online;
                parts.kioskFeed.publish(new KioskEvent.Connection(online));
            }
            ClosingSchedule.Due due = closings.due(lastTick, now);
            lastTick = now;
            if (due.warn()) {
                parts.seats.warnClosing();
            }
            if (due.close()) {
                parts.seats.closeAll();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "agent " + config.id() + ": seat tick failed", e);
        }
    }

    /** Under systemd, READY=1 now and WATCHDOG=1 while the tick runs (the unit's WatchdogSec). */
    private void startWatchdog(Clock clock) {
        Map<String, String> env = System.getenv();
        Watchdog.fromEnvironment(env, clock, () -> lastTickDone).ifPresent(watchdog -> {
            watchdog.ready();
            Watchdog.period(env)
                    .ifPresent(period -> timer.scheduleAtFixedRate(
                            watchdog::ping, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS));
        });
    }

    private void resync() {
        timer.execute(() -> {
            parts.events.flush();
            parts.twin.report();
        });
    }

    private void publishRetained(dev.carrel.protocol.Message message) {
        publish(message, 1, true);
    }

    private void publishQos1(dev.carrel.protocol.Message message) {
        publish(message, 1, false);
    }

    private void publish(dev.carrel.protocol.Message message, int qos, boolean retained) {
        if (!parts.connection.connected()) {
            return; // twin reports and replies are re-sent on reconnect; commands are re-delivered
        }
        try {
            parts.connection.publish(message, qos, retained);
        } catch (Exception e) {
            LOG.log(
                    Level.FINE,
                    "agent " + config.id() + ": " + message.getClass().getSimpleName() + " not sent",
                    e);
        }
    }

    private void publishTelemetry() {
        if (parts.connection.connected()) {
            publish(parts.health.sample(parts.devices.faulted(), parts.connection.lastRoundTripMillis()), 0, false);
            parts.connection.measureRoundTrip(); // reported with the next sample
        }
    }

    public Events events() {
        return parts.events;
    }

    public SeatSessions seats() {
        return parts.seats;
    }

    public AgentDevices devices() {
        return parts.devices;
    }

    /** The local kiosk web server's port, when the layout asks for one. */
    public java.util.Optional<Integer> kioskPort() {
        return java.util.Optional.ofNullable(parts.kiosk).map(KioskServer::port);
    }

    public KioskPatron kioskPatron() {
        return parts.kioskPatron;
    }

    /** The gate this agent drives, if its layout has one. */
    public java.util.Optional<dev.carrel.agent.gate.Gate> gate() {
        return parts.access.gate();
    }

    public KioskFeed kioskFeed() {
        return parts.kioskFeed;
    }

    public boolean connected() {
        return parts.connection.connected();
    }

    public long session() {
        return parts.connection.session();
    }

    public AgentConfig config() {
        return config;
    }

    /** Stops as a crash would: no goodbye, so the broker publishes the Last Will. */
    public void crash() {
        timer.shutdownNow();
        if (parts.kiosk != null) {
            parts.kiosk.close();
        }
        parts.connection.crash();
        closeLocal(parts);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        close(parts);
    }

    private static void close(Parts p) {
        if (p.kiosk != null) {
            p.kiosk.close();
        }
        if (p.connection != null) {
            p.connection.close();
        }
        closeLocal(p);
    }

    /** Devices and seats stop first, so a fault they report on the way down still finds the outbox open. */
    private static void closeLocal(Parts p) {
        p.access.close();
        if (p.seatStore != null) {
            p.seatStore.close();
        }
        if (p.devices != null) {
            p.devices.close();
        }
        if (p.scheduler != null) {
            p.scheduler.close();
        }
        if (p.events != null) {
            p.events.close();
        }
    }
}
