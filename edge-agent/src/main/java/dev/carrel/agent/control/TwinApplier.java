package dev.carrel.agent.control;

import dev.carrel.agent.devices.AgentDevices;
import dev.carrel.agent.mqtt.Inbound;
import dev.carrel.agent.seats.DeviceSeatEffects;
import dev.carrel.drivers.Lamp;
import dev.carrel.drivers.Outlet;
import dev.carrel.drivers.Power;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.PayloadException;
import dev.carrel.protocol.Topic;
import dev.carrel.protocol.TwinDesired;
import dev.carrel.protocol.TwinReported;
import dev.carrel.protocol.WireCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies the hub's desired twin (retained on {@code twin/desired}) and reports what was really applied.
 *
 * <p>The desired state this agent understands (docs/mqtt-contract.md, "Twin state"), as the hub writes it:
 *
 * <pre>
 * {"lamps":    {"desk-01-lamp": {"on": true, "brightness": 80, "command": "…"}},
 *  "outlets":  {"desk-01-outlet": {"on": false}},
 *  "schedule": {"main": {"weekly": {"mon": "08:00-22:00", …}, "exceptions": […], "actions": {…}, "timezone": "…"}},
 *  "access":   {"passKeys": ["…base64url Ed25519…"], "site": "main-library"},
 *  "config":   {…}}
 * </pre>
 *
 * The reported twin has the same {@code lamps} and {@code outlets} shape, read back from the devices.
 *
 * The last desired twin is kept in a file, so a restart without the hub still knows its schedule. An older
 * or equal version than the one applied is ignored; a malformed one changes nothing.
 */
public final class TwinApplier {
    private static final Logger LOG = Logger.getLogger(TwinApplier.class.getName());

    private final WireCodec codec = new WireCodec();
    private final AgentDevices devices;
    private final DeviceSeatEffects reports;
    private final Path file;
    private final Consumer<TwinReported> reported;
    private final Consumer<ClosingSchedule> schedule;
    private final Supplier<Map<String, Object>> extra;
    private final Consumer<Map<String, Object>> desiredSections;
    private final Clock clock;
    private Optional<TwinDesired> applied = Optional.empty();

    public TwinApplier(Path file, AgentDevices devices, DeviceSeatEffects reports, Sinks sinks, Clock clock) {
        this.file = file;
        this.devices = devices;
        this.reports = reports;
        this.reported = sinks.reported();
        this.schedule = sinks.schedule();
        this.extra = sinks.extra();
        this.desiredSections = sinks.desired();
        this.clock = clock;
    }

    /**
     * Where the applier's results go: the reported twin, the closing schedule for the seats, what else the
     * agent reports in its twin (the gate's allow-list version), and the whole desired state for the parts
     * that read sections of their own (the gate's {@code access.passKeys}), given at every applied twin,
     * restored ones included, so a restart without the hub keeps them.
     */
    public record Sinks(
            Consumer<TwinReported> reported,
            Consumer<ClosingSchedule> schedule,
            Supplier<Map<String, Object>> extra,
            Consumer<Map<String, Object>> desired) {
        public Sinks(
                Consumer<TwinReported> reported,
                Consumer<ClosingSchedule> schedule,
                Supplier<Map<String, Object>> extra) {
            this(reported, schedule, extra, state -> {});
        }
    }

    /** Re-applies the twin saved by the last run, before the hub is reachable. */
    public synchronized void restore() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            // Only the topic's kind matters to the codec; the saved file is this agent's own.
            Topic topic = Topic.twinDesired(AgentId.of("local"));
            TwinDesired saved = codec.decode(topic, Files.readAllBytes(file), TwinDesired.class);
            apply(saved);
        } catch (IOException | PayloadException | RuntimeException e) {
            LOG.log(Level.WARNING, "the saved twin " + file + " is unreadable; waiting for the hub's", e);
        }
    }

    public synchronized void accept(Inbound inbound) {
        TwinDesired desired;
        try {
            desired = codec.decode(inbound.topic(), inbound.payload(), TwinDesired.class);
        } catch (PayloadException e) {
            LOG.warning(() -> "ignored a malformed desired twin: " + e.getMessage());
            return;
        }
        if (applied.isPresent() && desired.version() <= applied.get().version()) {
            report();
            return;
        }
        save(desired);
        apply(desired);
    }

    /** The state of the desired twin last applied (empty before the first): sections other parts read. */
    public synchronized Map<String, Object> desiredState() {
        return applied.map(TwinDesired::state).orElse(Map.of());
    }

    /** Publishes the reported twin again (after a reconnect, or for a sync command). */
    public synchronized void report() {
        Map<String, Object> state = new LinkedHashMap<>(extra.get());
        Map<String, Object> lamps = new LinkedHashMap<>();
        for (Lamp lamp : devices.all(Lamp.class)) {
            lamps.put(
                    lamp.id(),
                    Map.of("on", lamp.state().on(), "brightness", lamp.state().brightness()));
        }
        Map<String, Object> outlets = new LinkedHashMap<>();
        for (Outlet outlet : devices.all(Outlet.class)) {
            if (outlet.state().power() != Power.UNKNOWN) {
                outlets.put(outlet.id(), Map.of("on", outlet.state().power() == Power.ON));
            }
        }
        state.put("lamps", lamps);
        state.put("outlets", outlets);
        applied.map(d -> d.state().get("schedule")).ifPresent(s -> state.put("schedule", s));
        reported.accept(new TwinReported(applied.map(TwinDesired::version).orElse(0L), state, clock.instant()));
    }

    private void apply(TwinDesired desired) {
        for (String section : new String[] {"lamps", "outlets"}) {
            if (desired.state().get(section) instanceof Map<?, ?> endpoints) {
                endpoints.forEach((id, want) -> applyEndpoint(String.valueOf(id), want));
            }
        }
        schedule.accept(ClosingSchedule.from(desired.state().get("schedule")));
        try {
            desiredSections.accept(desired.state());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a part of the agent refused the desired twin", e);
        }
        applied = Optional.of(desired);
        report();
    }

    private void applyEndpoint(String id, Object want) {
        if (!(want instanceof Map<?, ?> w) || !(w.get("on") instanceof Boolean on)) {
            LOG.warning(() -> "desired twin: endpoint '" + id + "' needs {\"on\": true|false}");
            return;
        }
        Optional<Lamp> lamp = devices.find(id, Lamp.class);
        if (lamp.isPresent()) {
            if (on && w.get("brightness") instanceof Number b && b.intValue() >= 0 && b.intValue() <= 100) {
                lamp.get().brightness(b.intValue());
            } else {
                lamp.get().power(on);
            }
            reports.publish(lamp.get());
            return;
        }
        Optional<Outlet> outlet = devices.find(id, Outlet.class);
        if (outlet.isPresent()) {
            outlet.get().power(on);
            reports.publish(outlet.get());
            return;
        }
        LOG.warning(() -> "desired twin names endpoint '" + id + "', which this agent does not drive");
    }

    private void save(TwinDesired desired) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, codec.encode(desired));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot keep the desired twin in " + file, e);
        }
    }

    /** For tests and the local API. */
    public synchronized long appliedVersion() {
        return applied.map(TwinDesired::version).orElse(0L);
    }
}
