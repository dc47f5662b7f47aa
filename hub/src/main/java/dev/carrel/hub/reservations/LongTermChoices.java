package dev.carrel.hub.reservations;

import dev.carrel.hub.spaces.SpaceModel;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the pass page's long-term form offers: every long-term zone with its longest hold and weekly quota,
 * and the seats of each that the patron could hold from now for the weeks asked. A seat qualifies as
 * {@link LongTermSeats#hold} would take it: it has a presence sensor (the quota is measured by it), nobody
 * holds it, and nobody else has booked it in that time. Advice only: holding checks every rule again, so a
 * seat taken meanwhile is refused there.
 */
final class LongTermChoices {
    private static final Duration WEEK = Duration.ofDays(7);

    private final Parts parts;
    private final LongTermSeats longTerm;

    LongTermChoices(Parts parts, LongTermSeats longTerm) {
        this.parts = parts;
        this.longTerm = longTerm;
    }

    /**
     * A long-term zone as the form shows it.
     *
     * @param until when a hold of the asked weeks taken now would end
     * @param seats the seats free to hold until then; none when {@code maxWeeks} is below the weeks asked
     */
    record Zone(String id, String name, int maxWeeks, long quotaMinutes, Instant until, List<String> seats) {}

    record Offer(Instant now, int weeks, List<Zone> zones) {}

    /** The long-term zones (none: the library has no long-term area) for a hold of {@code weeks} from now. */
    Offer offer(String patronId, int weeks) throws SQLException {
        SpaceModel model = parts.spaces.current();
        Instant now = parts.clock.instant();
        Instant until = now.plus(WEEK.multipliedBy(weeks));
        List<Zone> zones = new ArrayList<>();
        for (SpaceModel.Zone z : model.zones()) {
            BookingRules rules = parts.settings.rulesFor(z.id());
            if (!rules.longTerm() || z.kind() == SpaceModel.ZoneKind.ROOM) {
                continue;
            }
            List<String> sensed = model.seatsIn(z.id()).stream()
                    .filter(s -> s.sensor().isPresent())
                    .map(SpaceModel.Seat::id)
                    .toList();
            List<String> seats = weeks > rules.longTermMaxWeeks()
                    ? List.of()
                    : parts.violations.database().read(c -> {
                        List<String> out = new ArrayList<>();
                        for (String seat : sensed) {
                            if (longTerm.open(c, seat, patronId, now, until)) {
                                out.add(seat);
                            }
                        }
                        return out;
                    });
            String name = z.name() == null || z.name().isBlank() ? z.id() : z.name();
            zones.add(new Zone(
                    z.id(),
                    name,
                    rules.longTermMaxWeeks(),
                    rules.longTermQuota().toMinutes(),
                    until,
                    seats));
        }
        return new Offer(now, weeks, zones);
    }
}
