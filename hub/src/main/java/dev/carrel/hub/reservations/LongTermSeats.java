package dev.carrel.hub.reservations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.carrel.hub.reservations.Refused.Code;
import dev.carrel.hub.spaces.SpaceModel;
import dev.carrel.protocol.InvalidFieldException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Long-term seats of the exam-preparation area (zones with {@code long-term: true}): a seat held for a
 * patron for weeks, while nobody else may book it. Each full week of the hold (counted from its start) needs
 * {@code long-term-weekly-quota} of presence as the seat's sensor saw it; a week that falls short releases the
 * seat. Checked by the reservation sweep, so a restart skips no week. The seat's agent holds the seat for
 * the patron meanwhile ({@link HoldPush}: {@code seat} HOLD, and RELEASE when the hold ends early).
 */
public final class LongTermSeats {
    private static final Duration WEEK = Duration.ofDays(7);
    private static final TypeReference<List<Map<String, Object>>> WEEKS = new TypeReference<>() {};
    private static final String SELECT = "SELECT id, seat_id, zone_id, patron_id, from_at, until_at, quota_minutes,"
            + " checked_until, state, reason, weeks, created FROM long_term_seats";

    /**
     * A hold; {@code weeks} lists each checked week's presence minutes. {@code thisWeek} is given to the patron
     * only ({@link #ofPatron}), for an active hold: the week running now and the presence so far.
     */
    public record Hold(
            String id,
            String seatId,
            String zoneId,
            String patronId,
            Instant from,
            Instant until,
            int quotaMinutes,
            Instant checkedUntil,
            String state,
            Optional<String> reason,
            List<Map<String, Object>> weeks,
            Instant created,
            Optional<Week> thisWeek) {
        Hold with(Week week) {
            return new Hold(
                    id,
                    seatId,
                    zoneId,
                    patronId,
                    from,
                    until,
                    quotaMinutes,
                    checkedUntil,
                    state,
                    reason,
                    weeks,
                    created,
                    Optional.of(week));
        }
    }

    /** A week of a hold, counted from its start, and the minutes its seat's sensor has seen someone so far. */
    public record Week(Instant from, Instant until, long minutes) {}

    private final Parts parts;
    private final HoldPush push;

    LongTermSeats(Parts parts) {
        this.parts = parts;
        this.push = new HoldPush(parts);
    }

    /** Holds a seat of a long-term zone for the patron from now, for {@code weeks} weeks. */
    public Hold hold(String patronId, String seatId, int weeks) throws SQLException {
        SpaceModel.Seat seat = parts.spaces
                .current()
                .seat(seatId)
                .orElseThrow(() -> new InvalidFieldException("seat", "no seat '" + seatId + "'"));
        BookingRules rules = parts.settings.rulesFor(seat.zoneId());
        if (!rules.longTerm()) {
            throw new Refused(Code.NOT_LONG_TERM, "seat '" + seatId + "' is not in a long-term area");
        }
        if (seat.sensor().isEmpty()) {
            throw new InvalidFieldException("seat", "has no presence sensor to verify the weekly quota");
        }
        if (weeks < 1 || weeks > rules.longTermMaxWeeks()) {
            throw new InvalidFieldException("weeks", "must be 1-" + rules.longTermMaxWeeks());
        }
        Instant now = parts.clock.instant();
        Instant until = now.plus(WEEK.multipliedBy(weeks));
        String id = parts.ids.next().toString();
        List<Runnable> after = new ArrayList<>();
        parts.write("long-term hold of " + seatId, c -> {
            after.clear();
            if (parts.violations.activeBan(c, patronId, now).isPresent()) {
                throw new Refused(Code.BANNED, "no booking while banned");
            }
            if (active(c, "patron_id", patronId).isPresent()) {
                throw new Refused(Code.ALREADY_BOOKED, "you already hold a long-term seat");
            }
            if (!open(c, seatId, patronId, now, until)) {
                throw new Refused(Code.SEAT_TAKEN, "the seat is booked or held in that time");
            }
            ViolationStore.update(
                    c,
                    "INSERT INTO long_term_seats (id, seat_id, zone_id, patron_id, from_at, until_at, quota_minutes,"
                            + " checked_until, state, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)",
                    id,
                    seatId,
                    seat.zoneId(),
                    patronId,
                    now.toEpochMilli(),
                    until.toEpochMilli(),
                    rules.longTermQuota().toMinutes(),
                    now.toEpochMilli(),
                    now.toEpochMilli(),
                    now.toEpochMilli());
            push.push(c, only(c, id), after);
        });
        after.forEach(Runnable::run);
        return find(id).orElseThrow();
    }

    /** The patron gives the seat up. */
    public Hold cancel(String patronId, String id) throws SQLException {
        List<Runnable> after = new ArrayList<>();
        parts.write("end of a long-term hold", c -> {
            after.clear();
            Hold h = query(c, SELECT + " WHERE id = ?", id).stream()
                    .filter(x -> x.patronId().equals(patronId) && x.state().equals("active"))
                    .findFirst()
                    .orElseThrow(() -> new NoSuchElementException("no active long-term seat '" + id + "'"));
            end(c, h, "cancelled", "cancelled", parts.clock.instant());
            push.push(c, only(c, id), after);
        });
        after.forEach(Runnable::run);
        return find(id).orElseThrow();
    }

    /**
     * Whether the patron could hold the seat for {@code [from, until)}: nobody holds it, and nobody else has a
     * live booking of it then (the patron's own bookings stay theirs).
     */
    boolean open(Connection c, String seatId, String patronId, Instant from, Instant until) throws SQLException {
        return active(c, "seat_id", seatId).isEmpty()
                && parts.bookings.liveOverlapping(c, seatId, from, until).stream()
                        .allMatch(b -> b.patronId().equals(patronId));
    }

    /** The patron (other than {@code patronId}) who holds the seat long-term, if any. */
    Optional<String> heldByOther(Connection c, String seatId, String patronId) throws SQLException {
        return active(c, "seat_id", seatId).map(Hold::patronId).filter(p -> !p.equals(patronId));
    }

    /**
     * Checks every finished week of every active hold, and sends the seats' agents what they missed; returns
     * {@code "<id> <outcome>"} for each change, and the commands' publications into {@code after}.
     */
    List<String> sweep(Connection c, Instant now, List<Runnable> after) throws SQLException {
        List<String> out = new ArrayList<>();
        for (Hold h : query(c, SELECT + " WHERE state = 'active'")) {
            Instant checked = h.checkedUntil();
            List<Map<String, Object>> weeks = new ArrayList<>(h.weeks());
            String outcome = "";
            while (!checked.plus(WEEK).isAfter(now) && checked.isBefore(h.until())) {
                Instant weekEnd = checked.plus(WEEK);
                long minutes = presenceMinutes(c, h.seatId(), checked, weekEnd, now);
                weeks.add(Map.of("from", checked.toString(), "minutes", minutes));
                checked = weekEnd;
                if (minutes < h.quotaMinutes()) {
                    outcome = "quota_missed";
                    quotaMissed(c, h, weekEnd.minus(WEEK), minutes, now);
                    break;
                }
            }
            ViolationStore.update(
                    c,
                    "UPDATE long_term_seats SET checked_until = ?, weeks = ?, updated = ? WHERE id = ?",
                    checked.toEpochMilli(),
                    text(weeks),
                    now.toEpochMilli(),
                    h.id());
            if (outcome.isEmpty() && !now.isBefore(h.until())) {
                outcome = "ended";
            }
            if (!outcome.isEmpty()) {
                end(c, h, outcome.equals("ended") ? "ended" : "released", outcome, now);
                out.add(h.id() + " " + outcome);
                if (!outcome.equals("ended")) {
                    push.push(c, only(c, h.id()), after); // an ended hold the agent ends by itself
                }
            }
        }
        push.resend(c, query(c, SELECT + " WHERE until_at > ?", now.toEpochMilli()), now, after);
        return out;
    }

    private Hold only(Connection c, String id) throws SQLException {
        return query(c, SELECT + " WHERE id = ?", id).getFirst();
    }

    /** Minutes the seat's sensor saw someone in {@code [from, to)}; an open interval counts up to now. */
    static long presenceMinutes(Connection c, String seatId, Instant from, Instant to, Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT coalesce(sum(min(coalesce(to_at, ?), ?)"
                + " - max(from_at, ?)), 0) FROM seat_presence WHERE seat_id = ? AND from_at < ?"
                + " AND coalesce(to_at, ?) > ?")) {
            s.setLong(1, now.toEpochMilli());
            s.setLong(2, to.toEpochMilli());
            s.setLong(3, from.toEpochMilli());
            s.setString(4, seatId);
            s.setLong(5, to.toEpochMilli());
            s.setLong(6, now.toEpochMilli());
            s.setLong(7, from.toEpochMilli());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return Math.max(0, rs.getLong(1)) / 60_000;
            }
        }
    }

    public Optional<Hold> find(String id) throws SQLException {
        return parts.violations.database().read(c -> query(c, SELECT + " WHERE id = ?", id).stream()
                .findFirst());
    }

    /** The patron's holds, newest first; an active one with the week running now and its presence so far. */
    public List<Hold> ofPatron(String patronId) throws SQLException {
        Instant now = parts.clock.instant();
        return parts.violations.database().read(c -> {
            List<Hold> out = new ArrayList<>();
            for (Hold h : query(c, SELECT + " WHERE patron_id = ? ORDER BY from_at DESC", patronId)) {
                out.add(h.state().equals("active") && now.isBefore(h.until()) ? h.with(thisWeek(c, h, now)) : h);
            }
            return out;
        });
    }

    /** The hold's week that contains {@code now}; the last one may be cut short by {@code until}. */
    private static Week thisWeek(Connection c, Hold h, Instant now) throws SQLException {
        long full = Math.max(0, Duration.between(h.from(), now).toMillis() / WEEK.toMillis());
        Instant from = h.from().plus(WEEK.multipliedBy(full));
        Instant until = from.plus(WEEK).isAfter(h.until()) ? h.until() : from.plus(WEEK);
        return new Week(from, until, presenceMinutes(c, h.seatId(), from, until, now));
    }

    public List<Hold> search(Optional<String> state) throws SQLException {
        return parts.violations
                .database()
                .read(c -> state.isPresent()
                        ? query(c, SELECT + " WHERE state = ? ORDER BY from_at DESC", state.get())
                        : query(c, SELECT + " ORDER BY from_at DESC LIMIT 500"));
    }

    /**
     * A week short of its quota counts as a violation under the penalty rules, like a no-show (LIBRARY.md: "no-shows
     * count against weekly quotas"); its evidence is the week and the presence the sensor saw, for an appeal.
     */
    private void quotaMissed(Connection c, Hold h, Instant weekFrom, long minutes, Instant now) throws SQLException {
        Map<String, Object> evidence = new java.util.LinkedHashMap<>();
        evidence.put("source", "hub");
        evidence.put("longTermSeat", h.id());
        evidence.put("weekFrom", weekFrom.toString());
        evidence.put("weekUntil", weekFrom.plus(WEEK).toString());
        evidence.put("presenceMinutes", minutes);
        evidence.put("quotaMinutes", h.quotaMinutes());
        parts.penalties.record(
                c,
                new Violation(
                        parts.ids.next().toString(),
                        h.patronId(),
                        Optional.empty(),
                        h.seatId(),
                        "quota_missed",
                        "hub",
                        now,
                        parts.calendar.exam(h.zoneId(), now),
                        parts.text(evidence),
                        "counted",
                        Optional.empty()));
    }

    private void end(Connection c, Hold h, String state, String reason, Instant now) throws SQLException {
        ViolationStore.update(
                c,
                "UPDATE long_term_seats SET state = ?, reason = ?, updated = ? WHERE id = ?",
                state,
                reason,
                now.toEpochMilli(),
                h.id());
    }

    private Optional<Hold> active(Connection c, String column, String value) throws SQLException {
        return query(c, SELECT + " WHERE " + column + " = ? AND state = 'active'", value).stream()
                .findFirst();
    }

    private List<Hold> query(Connection c, String sql, Object... args) throws SQLException {
        List<Hold> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Hold(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5)),
                            Instant.ofEpochMilli(rs.getLong(6)),
                            rs.getInt(7),
                            Instant.ofEpochMilli(rs.getLong(8)),
                            rs.getString(9),
                            Optional.ofNullable(rs.getString(10)),
                            weeks(rs.getString(11)),
                            Instant.ofEpochMilli(rs.getLong(12)),
                            Optional.empty()));
                }
            }
        }
        return out;
    }

    private List<Map<String, Object>> weeks(String text) {
        try {
            return parts.json.readValue(text, WEEKS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a long-term seat's weeks are not JSON", e);
        }
    }

    private String text(List<Map<String, Object>> weeks) {
        try {
            return parts.json.writeValueAsString(weeks);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a long-term seat's weeks", e);
        }
    }
}
