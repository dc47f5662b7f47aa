package dev.carrel.hub.schedules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.control.Control;
import dev.carrel.hub.control.ControlRequest.LampAction;
import dev.carrel.hub.control.Target;
import dev.carrel.hub.spaces.EndpointRef;
import dev.carrel.hub.spaces.SpaceModel;
import dev.carrel.hub.spaces.Spaces;
import dev.carrel.hub.twins.Twins;
import dev.carrel.protocol.AgentId;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opening hours per building: stored, pushed to the building's agents in their twins' {@code schedule}
 * section (keyed by building), and acted on by the hub. {@link #tick} runs each due action once per building
 * and day, recorded in the store so a restart or a second tick never repeats it: lamps and outlets off and
 * common lighting on become control requests; the warning blink and seat release are the agents' own work,
 * driven by the schedule in their twins (the contract has no blink or release command).
 */
public final class Schedules {
    private static final Logger LOG = Logger.getLogger(Schedules.class.getName());
    private static final Duration ACTION_TTL = Duration.ofMinutes(5);

    private final ScheduleStore store;
    private final Spaces spaces;
    private final Twins twins;
    private final Control control;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, Schedule> byBuilding = new ConcurrentHashMap<>();

    public Schedules(ScheduleStore store, Spaces spaces, Twins twins, Control control, ObjectMapper json, Clock clock)
            throws SQLException {
        this.store = store;
        this.spaces = spaces;
        this.twins = twins;
        this.control = control;
        this.json = json;
        this.clock = clock;
        for (var e : store.all().entrySet()) {
            byBuilding.put(e.getKey(), Schedule.parse(tree(e.getValue())));
        }
    }

    /** Stores the file's schedules for buildings that have none yet (the first start). */
    public void seed(Map<String, JsonNode> fromFile) throws SQLException {
        for (var e : fromFile.entrySet()) {
            if (!byBuilding.containsKey(e.getKey())) {
                put(e.getKey(), e.getValue());
            }
        }
    }

    public Optional<Schedule> find(String building) {
        return Optional.ofNullable(byBuilding.get(building));
    }

    /** Validates, stores and pushes a building's schedule. */
    public Schedule put(String building, JsonNode spec) throws SQLException {
        SpaceModel.Building b = building(building);
        Schedule schedule = Schedule.parse(spec);
        store.save(b.id(), text(schedule.toMap()), clock.instant());
        byBuilding.put(b.id(), schedule);
        push(b, schedule);
        return schedule;
    }

    private void push(SpaceModel.Building b, Schedule schedule) throws SQLException {
        Map<String, Object> section = new LinkedHashMap<>(schedule.toMap());
        section.put("timezone", spaces.current().timezoneOf(b).getId());
        for (AgentId agent : spaces.current().agentsIn(b.id())) {
            twins.change(agent, state -> Twins.with(state, "schedule", b.id(), section));
        }
    }

    /** {@code GET /api/schedules/{building}/today}: the hours that apply today in the building's time zone. */
    public record Today(
            String building,
            String date,
            String timezone,
            boolean open,
            Optional<String> opens,
            Optional<String> closes,
            String kind,
            Optional<String> note) {}

    public Today today(String building) {
        SpaceModel.Building b = building(building);
        Schedule s = find(building)
                .orElseThrow(() -> new NoSuchElementException("building '" + building + "' has no schedule"));
        var zone = spaces.current().timezoneOf(b);
        Schedule.Day day = s.day(clock.instant().atZone(zone).toLocalDate());
        return new Today(
                b.id(),
                day.date().toString(),
                zone.getId(),
                day.hours().isPresent(),
                day.hours().map(h -> Hours.time(h.open())),
                day.hours().map(h -> Hours.time(h.close())),
                day.kind().name().toLowerCase(java.util.Locale.ROOT),
                day.note().isEmpty() ? Optional.empty() : Optional.of(day.note()));
    }

    private SpaceModel.Building building(String id) {
        return spaces.current().building(id).orElseThrow(() -> new NoSuchElementException("no building '" + id + "'"));
    }

    /**
     * Runs the opening, warning and closing actions that are due now and have not run today. Ticks never
     * overlap: a caller whose tick finds an action already claimed by a tick in progress returns only once
     * that action's commands are issued, so "tick returned" means "everything due has been done".
     */
    public synchronized void tick() throws SQLException {
        for (var e : byBuilding.entrySet()) {
            Optional<SpaceModel.Building> b = spaces.current().building(e.getKey());
            if (b.isPresent()) {
                tick(b.get(), e.getValue());
            }
        }
    }

    private void tick(SpaceModel.Building b, Schedule s) throws SQLException {
        ZonedDateTime now = clock.instant().atZone(spaces.current().timezoneOf(b));
        Schedule.Day day = s.day(now.toLocalDate());
        if (day.hours().isEmpty()) {
            return;
        }
        int minute = now.getHour() * 60 + now.getMinute();
        Hours h = day.hours().get();
        if (minute >= h.open() && minute < h.close()) {
            run(b, day, "open", s.actions().atOpening());
        }
        if (minute >= h.close() - s.actions().warnMinutes() && minute < h.close()) {
            run(b, day, "warn", s.actions().beforeClosing());
        }
        if (minute >= h.close()) {
            run(b, day, "close", s.actions().atClosing());
        }
    }

    private void run(SpaceModel.Building b, Schedule.Day day, String what, List<Schedule.Action> actions)
            throws SQLException {
        if (!store.markRun(b.id(), day.date(), what, clock.instant())) {
            return;
        }
        LOG.info(() -> "schedule: " + what + " of " + b.id() + " on " + day.date() + " " + actions);
        SpaceModel model = spaces.current();
        List<EndpointRef> lamps = new ArrayList<>();
        List<EndpointRef> outlets = new ArrayList<>();
        Target.Devices all = new Target(Target.Level.BUILDING, b.id()).resolve(model);
        if (actions.contains(Schedule.Action.LAMPS_OFF)) {
            lamps.addAll(all.lamps());
        }
        if (actions.contains(Schedule.Action.OUTLETS_OFF)) {
            outlets.addAll(all.outlets());
        }
        try {
            control.submit(
                    new Target.Devices(lamps, outlets),
                    Optional.of(new LampAction(false, Optional.empty())),
                    Optional.of(false),
                    ACTION_TTL);
            if (actions.contains(Schedule.Action.COMMON_LIGHTING_ON)) {
                List<EndpointRef> common = model.zonesIn(b.id()).stream()
                        .flatMap(z -> z.fixtures().lamps().stream())
                        .toList();
                control.submit(
                        new Target.Devices(common, List.of()),
                        Optional.of(new LampAction(true, Optional.empty())),
                        Optional.empty(),
                        ACTION_TTL);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "schedule action " + what + " of " + b.id() + " failed", e);
        }
    }

    private JsonNode tree(String text) throws SQLException {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SQLException("a stored schedule is not JSON", e);
        }
    }

    private String text(Object value) throws SQLException {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot store a schedule", e);
        }
    }
}
