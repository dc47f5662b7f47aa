package dev.carrel.hub.reservations;

import dev.carrel.hub.reservations.Violation.Ban;
import dev.carrel.protocol.EventIds;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Records violations, once per booking, and turns them into bans by the {@link PenaltyRules}: the exam-period
 * rules when the violation happened on an exam day. Counting restarts after each ban, so the violation after
 * a ban does not ban again at once; a second ban within {@code repeatWithin} of an earlier one is the longer
 * {@code repeatBan}. Runs on the store writer's connection.
 */
final class Penalties {
    private final ViolationStore store;
    private final PenaltyRules normal;
    private final PenaltyRules exam;
    private final EventIds ids;

    Penalties(ViolationStore store, PenaltyRules normal, PenaltyRules exam, EventIds ids) {
        this.store = store;
        this.normal = normal;
        this.exam = exam;
        this.ids = ids;
    }

    /** Stores the violation and any ban it causes; empty when the booking's violation was already counted. */
    Optional<Optional<Ban>> record(Connection c, Violation v) throws SQLException {
        if (!store.insert(c, v)) {
            return Optional.empty();
        }
        return Optional.of(banFor(c, v));
    }

    private Optional<Ban> banFor(Connection c, Violation v) throws SQLException {
        PenaltyRules rules = v.exam() ? exam : normal;
        List<Ban> bans = store.bans(c, v.patronId());
        Instant after = v.at().minus(rules.within());
        Optional<Ban> last = bans.stream().findFirst();
        if (last.isPresent() && last.get().from().isAfter(after)) {
            after = last.get().from();
        }
        int count = store.counted(c, v.patronId(), after, v.at());
        if (count < rules.violations()) {
            return Optional.empty();
        }
        Instant since = v.at().minus(rules.repeatWithin());
        boolean repeated = bans.stream().anyMatch(b -> b.from().isAfter(since));
        Instant from = bans.stream()
                .map(Ban::until)
                .filter(u -> u.isAfter(v.at()))
                .max(Instant::compareTo)
                .orElse(v.at());
        Ban ban = new Ban(
                ids.next().toString(),
                v.patronId(),
                from,
                from.plus(repeated ? rules.repeatBan() : rules.ban()),
                count,
                v.exam(),
                repeated,
                v.id(),
                false);
        store.insertBan(c, ban, v.at());
        return Optional.of(ban);
    }
}
