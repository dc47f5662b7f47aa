package dev.carrel.hub.engagement;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.hub.store.Database;
import dev.carrel.hub.store.StoreWriter;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The rules of volunteer shifts (docs/engagement.md, "Volunteers"): patrons sign up while slots are left and
 * the shift has not started; they are checked in and out by a card at an event kiosk or by staff, from
 * {@link #CHECK_IN_EARLY} before the start until the end; the hours credited are only the checked-in time
 * within the shift ({@link VolunteerShift#credited}). Every change is one transaction through the store writer.
 */
final class Volunteering {
    static final Duration CHECK_IN_EARLY = Duration.ofMinutes(15);

    /** A patron's credited time in a period. */
    record Hours(String patronId, long minutes, int shifts) {}

    private final Database database;
    private final StoreWriter writer;
    private final ShiftStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Volunteering(Database database, StoreWriter writer, ShiftStore store, Clock clock) {
        this.database = database;
        this.writer = writer;
        this.store = store;
        this.clock = clock;
    }

    VolunteerShift create(JsonNode body) throws SQLException {
        byte[] id = new byte[6];
        random.nextBytes(id);
        VolunteerShift v = VolunteerShift.fromJson("vs-" + HexFormat.of().formatHex(id), body);
        Committing.write(writer, "shift " + v.id(), c -> store.write(c, v, clock.instant()));
        return v;
    }

    VolunteerShift cancel(String id) throws SQLException {
        AtomicReference<VolunteerShift> out = new AtomicReference<>();
        Committing.write(writer, "cancel of shift " + id, c -> {
            VolunteerShift v = shift(c, id);
            VolunteerShift after = v.cancelled() ? v : v.withCancelledAt(Optional.of(clock.instant()));
            store.write(c, after, clock.instant());
            out.set(after);
        });
        return out.get();
    }

    Optional<VolunteerShift> find(String id) throws SQLException {
        return database.read(c -> store.find(c, id));
    }

    /** Signs a patron up; signing up again answers the sign-up there is. */
    ShiftStore.Signup signUp(String shiftId, String patronId) throws SQLException {
        AtomicReference<ShiftStore.Signup> out = new AtomicReference<>();
        Committing.write(writer, "sign-up for shift " + shiftId, c -> {
            VolunteerShift v = shift(c, shiftId);
            if (store.signup(c, shiftId, patronId).isEmpty()) {
                notStartedOrCancelled(v);
                Admitted.check(c, patronId, clock.instant());
                if (store.signedUp(c, shiftId) >= v.slots()) {
                    throw new Requests.Refused("shift_full", "every slot of this shift is taken");
                }
                store.signUp(c, shiftId, patronId, clock.instant());
            }
            out.set(store.signup(c, shiftId, patronId).orElseThrow());
        });
        return out.get();
    }

    void withdraw(String shiftId, String patronId) throws SQLException {
        Committing.write(writer, "withdrawal from shift " + shiftId, c -> {
            VolunteerShift v = shift(c, shiftId);
            signup(c, shiftId, patronId);
            notStartedOrCancelled(v);
            store.withdraw(c, shiftId, patronId);
        });
    }

    /** Staff check a volunteer in ({@code in}) or out. */
    ShiftStore.Signup stamp(String shiftId, String patronId, boolean in) throws SQLException {
        AtomicReference<ShiftStore.Signup> out = new AtomicReference<>();
        Committing.write(writer, (in ? "check-in" : "check-out") + " at shift " + shiftId, c -> {
            VolunteerShift v = shift(c, shiftId);
            ShiftStore.Signup s = signup(c, shiftId, patronId);
            if (!open(v, clock.instant())) {
                throw new Requests.Refused(
                        "shift_not_open",
                        "check-in and check-out are open from " + v.startsAt().minus(CHECK_IN_EARLY) + " to "
                                + v.endsAt());
            }
            if (in && s.checkedInAt().isPresent()) {
                throw new Requests.Refused("checked_in", "already checked in");
            }
            if (!in && (s.checkedInAt().isEmpty() || s.checkedOutAt().isPresent())) {
                throw new Requests.Refused("not_checked_in", "not checked in, or already checked out");
            }
            store.stamp(c, shiftId, patronId, in, clock.instant());
            out.set(signup(c, shiftId, patronId));
        });
        return out.get();
    }

    /**
     * A card at an event kiosk, inside the caller's transaction: checks the patron in at a shift open now that
     * they signed up for (those in {@code zone} first), or out if they are checked in. False when no shift
     * of theirs is open.
     */
    boolean tap(Connection c, String patronId, String zone) throws SQLException {
        Instant now = clock.instant();
        List<VolunteerShift> open = store.between(c, now, now.plus(CHECK_IN_EARLY)).stream()
                .filter(v -> !v.cancelled())
                .sorted((a, b) ->
                        Boolean.compare(!a.zone().equals(zone), !b.zone().equals(zone)))
                .toList();
        for (VolunteerShift v : open) {
            Optional<ShiftStore.Signup> s = store.signup(c, v.id(), patronId);
            if (s.isEmpty() || s.get().checkedOutAt().isPresent()) {
                continue;
            }
            store.stamp(c, v.id(), patronId, s.get().checkedInAt().isEmpty(), now);
            return true;
        }
        return false;
    }

    /** Credited time per patron for shifts starting in {@code [from, to)}; one patron's, or everyone's. */
    List<Hours> hours(Instant from, Instant to, Optional<String> patronId) throws SQLException {
        Instant now = clock.instant();
        Map<String, long[]> sums = new LinkedHashMap<>();
        for (ShiftStore.Worked w : database.read(c -> store.worked(c, from, to, patronId))) {
            long[] sum = sums.computeIfAbsent(w.signup().patronId(), k -> new long[2]);
            sum[0] += w.shift()
                    .credited(w.signup().checkedInAt(), w.signup().checkedOutAt(), now)
                    .toSeconds();
            sum[1]++;
        }
        return sums.entrySet().stream()
                .map(e -> new Hours(e.getKey(), e.getValue()[0] / 60, (int) e.getValue()[1]))
                .toList();
    }

    private static boolean open(VolunteerShift v, Instant now) {
        return !v.cancelled() && !now.isBefore(v.startsAt().minus(CHECK_IN_EARLY)) && now.isBefore(v.endsAt());
    }

    private void notStartedOrCancelled(VolunteerShift v) {
        if (v.cancelled()) {
            throw new Requests.Refused("shift_cancelled", "the shift is cancelled");
        }
        if (!clock.instant().isBefore(v.startsAt())) {
            throw new Requests.Refused("shift_started", "the shift has started");
        }
    }

    private ShiftStore.Signup signup(Connection c, String shiftId, String patronId) throws SQLException {
        return store.signup(c, shiftId, patronId)
                .orElseThrow(() -> new NoSuchElementException("patron '" + patronId + "' is not signed up"));
    }

    private VolunteerShift shift(Connection c, String id) throws SQLException {
        return store.find(c, id).orElseThrow(() -> new NoSuchElementException("no shift '" + id + "'"));
    }
}
