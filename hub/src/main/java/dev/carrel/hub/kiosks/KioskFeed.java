package dev.carrel.hub.kiosks;

import dev.carrel.hub.live.LiveState;
import dev.carrel.hub.spaces.EndpointRef;
import dev.carrel.hub.spaces.SpaceModel;
import dev.carrel.hub.twins.Twins;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.SeatState;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Keeps the desired twin's {@code kiosk} section (docs/kiosk.md, "From the hub") of every kiosk the space
 * model implies: the agents of a building's gates get the free seats of its reading areas, the agent driving a
 * discussion room gets the room's bookings of today. {@link #refresh} computes them all and changes a twin
 * only where a value differs from what this feed last sent, so a quiet library costs no twin versions; after
 * a hub restart the first refresh sends each once.
 *
 * <p>A seat counts as free only when its agent reported it free: a seat never heard from is not offered.
 */
public final class KioskFeed {
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final Supplier<SpaceModel> model;
    private final LiveState live;
    private final RoomDays rooms;
    private final Twins twins;
    private final Clock clock;
    private final Map<String, Object> sent = new HashMap<>();

    public KioskFeed(Supplier<SpaceModel> model, LiveState live, RoomDays rooms, Twins twins, Clock clock) {
        this.model = model;
        this.live = live;
        this.rooms = rooms;
        this.twins = twins;
        this.clock = clock;
    }

    /** Brings every kiosk's section up to date. Called by one timer thread; not for concurrent use. */
    public void refresh() throws SQLException {
        for (var agent : sections(model.get()).entrySet()) {
            for (var section : agent.getValue().entrySet()) {
                String key = agent.getKey().value() + "/" + section.getKey();
                if (!section.getValue().equals(sent.get(key))) {
                    twins.change(agent.getKey(), s -> Twins.with(s, "kiosk", section.getKey(), section.getValue()));
                    sent.put(key, section.getValue());
                }
            }
        }
    }

    /** What each kiosk agent should show now: {@code zones} for gates, {@code bookings} and {@code room} for rooms. */
    Map<AgentId, Map<String, Object>> sections(SpaceModel m) throws SQLException {
        Map<AgentId, Map<String, Object>> out = new TreeMap<>();
        for (SpaceModel.Gate g : m.gates()) {
            List<Map<String, Object>> zones = zones(m, g.buildingId());
            Stream.concat(g.gate().stream(), g.readers().stream())
                    .map(EndpointRef::agent)
                    .distinct()
                    .forEach(a -> out.computeIfAbsent(a, k -> new TreeMap<>()).put("zones", zones));
        }
        for (SpaceModel.Zone z : m.zones()) {
            if (z.kind() != SpaceModel.ZoneKind.ROOM) {
                continue;
            }
            Optional<AgentId> door = m.seatsIn(z.id()).stream()
                    .flatMap(s -> s.endpoints().stream())
                    .map(EndpointRef::agent)
                    .findFirst();
            if (door.isPresent()) {
                Map<String, Object> section = out.computeIfAbsent(door.get(), k -> new TreeMap<>());
                section.put("bookings", bookings(m, z));
                rooms.rules(z.id()).ifPresent(r -> section.put("room", rules(r)));
            }
        }
        return out;
    }

    /** The building's reading areas with seats, each with its free and total seats. */
    private List<Map<String, Object>> zones(SpaceModel m, String buildingId) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SpaceModel.Zone z : m.zonesIn(buildingId)) {
            if (z.kind() == SpaceModel.ZoneKind.ROOM || m.seatsIn(z.id()).isEmpty()) {
                continue;
            }
            int free = live.zone(z.id())
                    .map(v -> (int) v.seats().stream()
                            .filter(s ->
                                    s.state().filter(SeatState.FREE::equals).isPresent())
                            .count())
                    .orElse(0);
            Map<String, Object> zone = new LinkedHashMap<>();
            zone.put("id", z.id());
            zone.put("name", z.name().isBlank() ? z.id() : z.name());
            zone.put("free", free);
            zone.put("total", m.seatsIn(z.id()).size());
            out.add(zone);
        }
        return out;
    }

    /** Today's bookings of the room in its building's time zone, cut to the day; no names. */
    private List<Map<String, Object>> bookings(SpaceModel m, SpaceModel.Zone room) throws SQLException {
        ZoneId tz = m.buildingOf(room).map(m::timezoneOf).orElse(ZoneId.of("UTC"));
        LocalDate today = LocalDate.now(clock.withZone(tz));
        ZonedDateTime dayStart = today.atStartOfDay(tz);
        ZonedDateTime dayEnd = today.plusDays(1).atStartOfDay(tz);
        List<Map<String, Object>> out = new ArrayList<>();
        for (RoomDays.RoomBooking b : rooms.bookings(room.id(), dayStart.toInstant(), dayEnd.toInstant())) {
            Map<String, Object> booking = new LinkedHashMap<>();
            booking.put("from", b.start().isAfter(dayStart.toInstant()) ? time(b.start(), tz) : "00:00");
            booking.put("to", b.end().isBefore(dayEnd.toInstant()) ? time(b.end(), tz) : "24:00");
            booking.put("size", b.size());
            b.joinCode().ifPresent(code -> booking.put("joinCode", code));
            out.add(booking);
        }
        return out;
    }

    /** What the door offers for booking the room (docs/kiosk.md, "From the hub"). */
    private static Map<String, Object> rules(RoomDays.RoomRules r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("minMinutes", r.minMinutes());
        out.put("maxMinutes", r.maxMinutes());
        out.put("groupSize", r.groupSize());
        out.put("formationMinutes", r.formationMinutes());
        return out;
    }

    private static String time(java.time.Instant at, ZoneId tz) {
        return LocalTime.ofInstant(at, tz).format(HH_MM);
    }
}
