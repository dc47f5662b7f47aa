package dev.carrel.hub.reservations;

import dev.carrel.hub.reservations.Booking.Kind;
import dev.carrel.hub.reservations.Booking.State;
import dev.carrel.hub.reservations.Refused.Code;
import dev.carrel.hub.schedules.Hours;
import dev.carrel.hub.schedules.Schedule;
import dev.carrel.hub.spaces.SpaceModel;
import dev.carrel.protocol.CommandBody.SeatAction;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.InvalidFieldException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * What a patron does with bookings: book a seat or a room, cancel, check in by the seat's QR code, extend,
 * join a room's group. Every change is one write through the store writer, checked inside it, so two
 * patrons racing for the last seat get one booking and one {@link Refused} (and the database's trigger
 * refuses an overlap whatever this code does). A refusal changes nothing.
 */
public final class Reservations {
    private final Parts parts;
    private final LongTermSeats longTerm;
    private final RoomPush rooms;
    private final SecureRandom random = new SecureRandom();

    Reservations(Parts parts, LongTermSeats longTerm) {
        this.parts = parts;
        this.longTerm = longTerm;
        this.rooms = new RoomPush(parts);
    }

    /** A booking asked for: a seat or a room, from {@code start} (now when empty) for {@code minutes}. */
    public record Request(Kind kind, String resourceId, Optional<Instant> start, int minutes) {}

    public Booking book(String patronId, Request request) throws SQLException {
        SpaceModel model = parts.spaces.current();
        String zoneId = zoneOf(model, request);
        BookingRules rules = parts.settings.rulesFor(zoneId);
        if (request.kind() == Kind.SEAT && rules.walkUpOnly()) {
            throw new Refused(Code.WALK_UP_ONLY, "seat '" + request.resourceId() + "' is for walk-up use only");
        }
        Instant now = parts.clock.instant();
        Instant startAt = request.start().orElse(now);
        if (startAt.isBefore(now.minus(Duration.ofMinutes(1)))) {
            throw new InvalidFieldException("start", "is in the past");
        }
        startAt = startAt.isBefore(now) ? now : startAt;
        ZoneId tz = parts.calendar.timezone(zoneId);
        ZonedDateTime local = startAt.atZone(tz);
        ZonedDateTime localNow = now.atZone(tz);
        Duration length = Duration.ofMinutes(request.minutes());
        Optional<Schedule.Day> day = parts.calendar.day(zoneId, local.toLocalDate());
        BookingWindow.check(rules, request.kind(), localNow, local, length, day);
        Instant end = startAt.plus(length);
        boolean room = request.kind() == Kind.ROOM;
        Instant grace = room
                ? min(startAt.plus(rules.roomFormation()), end)
                : BookingWindow.graceUntil(rules, localNow, local, end, day);
        Optional<String> holder =
                room ? Optional.empty() : parts.holders.holderOf(patronId).map(CredentialHash::hex);
        Booking booking = new Booking(
                parts.ids.next().toString(),
                request.kind(),
                request.resourceId(),
                zoneId,
                patronId,
                holder,
                startAt,
                end,
                grace,
                room && rules.roomMinGroup() > 1 ? State.FORMING : State.BOOKED,
                Optional.empty(),
                Optional.empty(),
                room ? rules.roomMinGroup() : 1,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                0,
                Optional.empty(),
                Optional.empty(),
                false,
                now);
        Booking[] made = {booking};
        parts.write("booking of " + request.resourceId(), c -> {
            refuseBanned(c, patronId, now);
            if (!parts.bookings
                    .liveOfPatron(c, patronId, booking.start(), booking.end())
                    .isEmpty()) {
                throw new Refused(Code.ALREADY_BOOKED, "you already have a booking at that time");
            }
            if (!parts.bookings
                            .liveOverlapping(c, booking.resourceId(), booking.start(), booking.end())
                            .isEmpty()
                    || (!room
                            && longTerm.heldByOther(c, booking.resourceId(), patronId)
                                    .isPresent())) {
                throw new Refused(
                        Code.SEAT_TAKEN,
                        (room ? "the room" : "the seat") + " is already booked for that time; choose another");
            }
            made[0] = room ? withCode(c, booking) : booking;
            parts.bookings.insert(c, made[0]);
            if (room) {
                parts.bookings.addMember(c, made[0].id(), patronId, now);
            }
        });
        return made[0];
    }

    private Booking withCode(Connection c, Booking b) throws SQLException {
        while (true) {
            String code = String.format("%06d", random.nextInt(1_000_000));
            if (parts.bookings.byJoinCode(c, code).isEmpty()) {
                return new Booking(
                        b.id(),
                        b.kind(),
                        b.resourceId(),
                        b.zoneId(),
                        b.patronId(),
                        b.holder(),
                        b.start(),
                        b.end(),
                        b.graceUntil(),
                        b.state(),
                        b.reason(),
                        Optional.of(code),
                        b.minGroup(),
                        b.checkedInAt(),
                        b.checkInSource(),
                        b.presenceAt(),
                        b.leavesUsed(),
                        b.leaveUntil(),
                        b.reportDue(),
                        b.pushed(),
                        b.created());
            }
        }
    }

    private void refuseBanned(Connection c, String patronId, Instant now) throws SQLException {
        var ban = parts.violations.activeBan(c, patronId, now);
        if (ban.isPresent()) {
            throw new Refused(Code.BANNED, "no booking until " + ban.get().until() + " after repeated violations");
        }
    }

    private static String zoneOf(SpaceModel model, Request r) {
        if (r.kind() == Kind.SEAT) {
            return model.seat(r.resourceId())
                    .map(SpaceModel.Seat::zoneId)
                    .orElseThrow(() -> new InvalidFieldException("seat", "no seat '" + r.resourceId() + "'"));
        }
        return model.zone(r.resourceId())
                .filter(z -> z.kind() == SpaceModel.ZoneKind.ROOM)
                .map(SpaceModel.Zone::id)
                .orElseThrow(() -> new InvalidFieldException("room", "no room '" + r.resourceId() + "'"));
    }

    /**
     * Cancels a live booking of the patron's; the seat is let go at once. A room only until
     * {@code room-cancel-ahead} before its start (LIBRARY.md: "cancel at least 60 minutes ahead"): later, the
     * group is expected and the room ends at its end.
     */
    public Booking cancel(String patronId, String id) throws SQLException {
        return change(patronId, id, "cancellation", (c, b, now, after) -> {
            Duration ahead = parts.settings.rulesFor(b.zoneId()).roomCancelAhead();
            Instant until = b.start().minus(ahead);
            if (b.kind() == Kind.ROOM && !ahead.isZero() && now.isAfter(until)) {
                throw new Refused(
                        Code.TOO_LATE_TO_CANCEL,
                        "a room can be cancelled until " + ahead.toMinutes() + " minutes before its start (" + until
                                + ")");
            }
            parts.bookings.set(c, id, now, "state, reason", State.CANCELLED, "cancelled");
            if (b.kind() == Kind.ROOM) {
                rooms.sync(c, parts.bookings.find(c, id).orElseThrow(), now, after);
            } else if (b.pushed() || b.checkedInAt().isPresent()) {
                // A phone check-in before the start sent CHECK_IN before the sweep's RESERVE: the seat has it.
                seat(c, b, SeatAction.Action.RELEASE).ifPresent(after::add);
            }
        });
    }

    /**
     * The patron's phone scanned the seat's QR code. It counts as the check-in at the seat, but where the seat
     * has a sensor it holds the seat only once the sensor sees someone before the grace period ends: a code
     * scanned from a photo elsewhere holds nothing (LIBRARY.md, ghost bookings). On a checked-in booking with
     * an open peer report, the scan is the holder's answer: the report is cleared (on a seat with a sensor, once
     * it sees them).
     */
    public Booking checkIn(String patronId, String id) throws SQLException {
        return change(patronId, id, "seat check-in", (c, b, now, after) -> {
            if (b.kind() == Kind.SEAT
                    && b.state() == State.CHECKED_IN
                    && b.reportDue().isPresent()) {
                // As for a check-in: where the seat senses presence, the sensor must see the holder (it clears
                // the report by itself, SeatEvents), so a code scanned from a photo elsewhere clears nothing.
                if (!hasSensor(b.resourceId()) || SeatEvents.presentNow(c, b.resourceId())) {
                    PeerReports.confirm(c, parts.bookings, b, "seat_qr", now);
                }
                return;
            }
            if (b.kind() == Kind.SEAT && b.state() == State.CHECKED_IN) {
                throw new Refused(Code.ALREADY_CHECKED_IN, "this booking is checked in already");
            }
            if (b.kind() != Kind.SEAT || b.state() != State.BOOKED) {
                throw new Refused(Code.NOT_LIVE, "this booking is not waiting for a check-in");
            }
            // The page says which of the two it is, so the codes differ: a patron who is early waits, one who
            // is late has lost the seat (the sweep makes it a no-show).
            Instant opens = b.start().minus(parts.settings.rulesFor(b.zoneId()).checkInGrace());
            if (now.isBefore(opens)) {
                throw new Refused(Code.TOO_EARLY, "check-in opens at " + opens);
            }
            if (!now.isBefore(b.graceUntil())) {
                throw new Refused(Code.GRACE_OVER, "check-in was due by " + b.graceUntil());
            }
            parts.bookings.set(c, id, now, "checked_in_at, check_in_source", now, "seat_qr");
            if (!hasSensor(b.resourceId()) || SeatEvents.presentNow(c, b.resourceId())) {
                parts.bookings.set(c, id, now, "state, presence_at", State.CHECKED_IN, now);
            }
            seat(c, b, SeatAction.Action.CHECK_IN).ifPresent(after::add);
        });
    }

    /** Adds time at the end, in the last hour only, when nobody booked the seat or room next. */
    public Booking extend(String patronId, String id, int minutes) throws SQLException {
        return change(patronId, id, "extension", (c, b, now, after) -> {
            BookingRules rules = parts.settings.rulesFor(b.zoneId());
            if (minutes < 1 || minutes > rules.extensionMax().toMinutes()) {
                throw new InvalidFieldException(
                        "minutes", "must be 1-" + rules.extensionMax().toMinutes());
            }
            boolean held = b.state() == State.CHECKED_IN || (b.kind() == Kind.ROOM && b.state() == State.BOOKED);
            if (!held) {
                throw new Refused(Code.NOT_LIVE, "only a checked-in booking can be extended");
            }
            if (now.isBefore(b.end().minus(rules.extensionWindow())) || !now.isBefore(b.end())) {
                throw new Refused(
                        Code.NOT_IN_LAST_HOUR,
                        "a booking can be extended in its last "
                                + rules.extensionWindow().toMinutes() + " minutes only");
            }
            Instant end = b.end().plus(Duration.ofMinutes(minutes));
            boolean next = parts.bookings.liveOverlapping(c, b.resourceId(), b.end(), end).stream()
                    .anyMatch(o -> !o.id().equals(b.id()));
            if (next) {
                throw new Refused(Code.BOOKED_NEXT, "someone has booked it next; it cannot be extended");
            }
            ZonedDateTime local = b.end().atZone(parts.calendar.timezone(b.zoneId()));
            Optional<Hours> hours =
                    parts.calendar.day(b.zoneId(), local.toLocalDate()).flatMap(Schedule.Day::hours);
            long to = local.toLocalTime().toSecondOfDay() / 60 + minutes;
            if (hours.isPresent() && to > hours.get().close()) {
                throw new Refused(
                        Code.CLOSED,
                        "the library closes at " + Hours.time(hours.get().close()));
            }
            parts.bookings.set(c, id, now, "end_at", end);
            rooms.sync(c, parts.bookings.find(c, id).orElseThrow(), now, after);
        });
    }

    /** Joins a room's group with its code; the room is booked once the group is complete. */
    public Booking join(String patronId, String code) throws SQLException {
        String[] id = {""};
        List<Runnable> after = new ArrayList<>();
        parts.write("joining a room", c -> {
            after.clear();
            Booking b = parts.bookings
                    .byJoinCode(c, code.strip())
                    .filter(x -> x.kind() == Kind.ROOM)
                    .orElseThrow(() -> new NoSuchElementException("no room booking with that code"));
            Instant now = parts.clock.instant();
            refuseBanned(c, patronId, now);
            parts.bookings.addMember(c, b.id(), patronId, now);
            if (b.state() == State.FORMING && parts.bookings.members(c, b.id()).size() >= b.minGroup()) {
                parts.bookings.set(c, b.id(), now, "state", State.BOOKED);
            }
            // A member joining a room in use, or completing its group after the start, gets in at the door now.
            rooms.sync(c, parts.bookings.find(c, b.id()).orElseThrow(), now, after);
            id[0] = b.id();
        });
        after.forEach(Runnable::run);
        return parts.bookings.find(id[0]).orElseThrow();
    }

    /** The patron's bookings (their own and the rooms they joined), newest first. */
    public List<Booking> mine(String patronId) throws SQLException {
        return parts.violations.database().read(c -> parts.bookings.ofPatron(c, patronId, 50));
    }

    /** The bookings that hold the seat or room at some moment of {@code [from, to)}, in start order. */
    public List<Booking> holding(String resourceId, Instant from, Instant to) throws SQLException {
        return parts.violations.database().read(c -> parts.bookings.liveOverlapping(c, resourceId, from, to));
    }

    public Optional<Booking> find(String id) throws SQLException {
        return parts.bookings.find(id);
    }

    public List<String> members(String id) throws SQLException {
        return parts.violations.database().read(c -> parts.bookings.members(c, id));
    }

    public List<Booking> search(Optional<String> patron, Optional<String> resource, Optional<String> state, int limit)
            throws SQLException {
        return parts.bookings.search(patron, resource, state, limit);
    }

    private interface Change {
        void apply(Connection c, Booking b, Instant now, List<Runnable> after) throws SQLException;
    }

    /** One change to one of the patron's live bookings; seat commands are published after the commit. */
    private Booking change(String patronId, String id, String what, Change change) throws SQLException {
        List<Runnable> after = new ArrayList<>();
        parts.write(what, c -> {
            Booking b = parts.bookings
                    .find(c, id)
                    .filter(x -> x.patronId().equals(patronId))
                    .orElseThrow(() -> new NoSuchElementException("no booking '" + id + "'"));
            if (!b.state().live()) {
                throw new Refused(Code.NOT_LIVE, "this booking is " + b.state().wire());
            }
            change.apply(c, b, parts.clock.instant(), after);
        });
        after.forEach(Runnable::run);
        return parts.bookings.find(id).orElseThrow();
    }

    private Optional<Runnable> seat(Connection c, Booking b, SeatAction.Action action) throws SQLException {
        if (parts.push.isEmpty()) {
            return Optional.empty();
        }
        return parts.push.get().record(c, parts.spaces.current(), b, action);
    }

    private boolean hasSensor(String seatId) {
        return parts.spaces
                .current()
                .seat(seatId)
                .flatMap(SpaceModel.Seat::sensor)
                .isPresent();
    }

    static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
