package dev.carrel.hub.reservations;

import dev.carrel.hub.schedules.Hours;
import dev.carrel.hub.schedules.Schedule;
import dev.carrel.hub.spaces.SpaceModel;
import dev.carrel.protocol.InvalidFieldException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the pass page offers a patron to book: the bookable zones and rooms with the starts and lengths the
 * rules allow, and which seats of a zone (or whether a room) are free for a time. The hub's clock and the
 * building's hours decide, not the phone's. An offer is advice only: {@link Reservations#book} checks every
 * rule again, so a seat taken meanwhile is refused there.
 */
final class BookingChoices {
    private static final int HOUR = 60;

    private final Parts parts;
    private final LongTermSeats longTerm;

    BookingChoices(Parts parts, LongTermSeats longTerm) {
        this.parts = parts;
        this.longTerm = longTerm;
    }

    /**
     * A zone (kind {@code area}) or room as the booking form shows it.
     *
     * @param openNow a booking can start now (the building is open for at least the shortest length)
     * @param starts the later full hours a booking can start at: today's, and tomorrow's once
     *     {@code next-day-from} has passed
     * @param lengths the lengths offered, in minutes
     * @param minGroup members a room needs, the organiser included (1 for an area)
     * @param cancelAhead a room's booking can be cancelled until this many minutes before its start (0: any
     *     time; always 0 for an area)
     */
    record Zone(
            String id,
            String name,
            String kind,
            boolean openNow,
            List<Instant> starts,
            List<Integer> lengths,
            int minGroup,
            long cancelAhead) {}

    record Offer(Instant now, List<Zone> zones) {}

    record Place(String id, boolean free) {}

    record Free(String zone, Instant start, Instant end, List<Place> places) {}

    /** Every zone with bookable seats and every room; walk-up-only zones are left out. */
    Offer offer() {
        SpaceModel model = parts.spaces.current();
        Instant now = parts.clock.instant();
        List<Zone> zones = new ArrayList<>();
        for (SpaceModel.Zone z : model.zones()) {
            BookingRules rules = parts.settings.rulesFor(z.id());
            boolean room = z.kind() == SpaceModel.ZoneKind.ROOM;
            if (rules.walkUpOnly() || (!room && model.seatsIn(z.id()).isEmpty())) {
                continue;
            }
            List<Integer> lengths = room ? roomLengths(rules) : seatLengths(rules);
            int shortest = lengths.getFirst();
            ZonedDateTime local = now.atZone(parts.calendar.timezone(z.id()));
            List<Instant> starts = new ArrayList<>(hours(z.id(), local.toLocalDate(), local, shortest));
            if (!local.toLocalTime().isBefore(rules.nextDayFrom())) {
                starts.addAll(hours(z.id(), local.toLocalDate().plusDays(1), local, shortest));
            }
            String name = z.name() == null || z.name().isBlank() ? z.id() : z.name();
            zones.add(new Zone(
                    z.id(),
                    name,
                    room ? "room" : "area",
                    openFor(z.id(), local, shortest),
                    starts,
                    lengths,
                    room ? rules.roomMinGroup() : 1,
                    room ? rules.roomCancelAhead().toMinutes() : 0));
        }
        return new Offer(now, zones);
    }

    /**
     * The zone's seats, or the room itself, each free or not for {@code [start, start + minutes)}; a seat held
     * long-term by someone else is not free.
     *
     * @throws InvalidFieldException naming {@code zone} for an unknown zone
     */
    Free free(String patronId, String zoneId, Optional<Instant> start, int minutes) throws SQLException {
        SpaceModel model = parts.spaces.current();
        SpaceModel.Zone zone =
                model.zone(zoneId).orElseThrow(() -> new InvalidFieldException("zone", "no zone '" + zoneId + "'"));
        Instant from = start.orElse(parts.clock.instant());
        Instant to = from.plusSeconds(minutes * 60L);
        boolean room = zone.kind() == SpaceModel.ZoneKind.ROOM;
        List<String> ids = room
                ? List.of(zone.id())
                : model.seatsIn(zone.id()).stream().map(SpaceModel.Seat::id).toList();
        List<Place> places = parts.violations.database().read(c -> {
            List<Place> out = new ArrayList<>();
            for (String id : ids) {
                boolean free = parts.bookings.liveOverlapping(c, id, from, to).isEmpty()
                        && (room || longTerm.heldByOther(c, id, patronId).isEmpty());
                out.add(new Place(id, free));
            }
            return out;
        });
        return new Free(zone.id(), from, to, places);
    }

    /** One, two, three and four hours, as far as the zone's longest booking allows. */
    private static List<Integer> seatLengths(BookingRules rules) {
        int max = (int) rules.seatMax().toMinutes();
        List<Integer> out = new ArrayList<>();
        for (int m = HOUR; m <= Math.min(max, 4 * HOUR); m += HOUR) {
            out.add(m);
        }
        return out.isEmpty() ? List.of(max) : out;
    }

    /** Every half hour from the room's shortest booking to its longest. */
    private static List<Integer> roomLengths(BookingRules rules) {
        int min = (int) rules.roomMin().toMinutes();
        int max = (int) rules.roomMax().toMinutes();
        List<Integer> out = new ArrayList<>();
        for (int m = min; m < max; m += 30) {
            out.add(m);
        }
        out.add(max);
        return out;
    }

    /** The day's opening hours in minutes; the whole day without a schedule, empty when closed. */
    private Optional<Hours> open(String zoneId, LocalDate date) {
        Optional<Schedule.Day> day = parts.calendar.day(zoneId, date);
        return day.isEmpty() ? Optional.of(new Hours(0, 24 * HOUR)) : day.get().hours();
    }

    private boolean openFor(String zoneId, ZonedDateTime now, int minutes) {
        int m = now.toLocalTime().toSecondOfDay() / 60;
        return open(zoneId, now.toLocalDate())
                .map(h -> m >= h.open() && m + minutes <= h.close())
                .orElse(false);
    }

    /** The full hours of the day after {@code now} at which a booking of {@code minutes} fits the hours. */
    private List<Instant> hours(String zoneId, LocalDate date, ZonedDateTime now, int minutes) {
        Optional<Hours> hours = open(zoneId, date);
        List<Instant> out = new ArrayList<>();
        if (hours.isEmpty()) {
            return out;
        }
        int first = (hours.get().open() + HOUR - 1) / HOUR * HOUR;
        for (int m = first; m + minutes <= hours.get().close(); m += HOUR) {
            ZonedDateTime at = date.atStartOfDay(now.getZone()).plusMinutes(m);
            if (at.isAfter(now)) {
                out.add(at.toInstant());
            }
        }
        return out;
    }
}
