package dev.carrel.hub.sip2;

import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.GateReminders;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.logging.Logger;

/**
 * The reminders every gate shows, fetched ahead of time from the library system (a gate never waits on
 * SIP2) and keyed by patron pseudonym. A refresh asks the ILS about each active patron; when any patron's
 * lines changed, the set gets a new version and goes to every online gate ({@code responses/reminders},
 * {@link GateReminders}); a gate that is born gets the current set. A patron the ILS could not be asked
 * about this round keeps last round's lines; if the ILS is unreachable the round stops and nothing changes.
 * The set lives in memory: after a hub restart the first refresh rebuilds it.
 */
public final class ReminderBook {
    private static final Logger LOG = Logger.getLogger(ReminderBook.class.getName());

    /** A patron to ask about: the ILS's id for them, and the pseudonym gates know. */
    public record Asked(String patronId, String pseudonym) {}

    private final LibraryAccounts accounts;
    private final BiConsumer<AgentId, GateReminders> send;
    private final Clock clock;
    private final int dueWithinDays;
    private Map<String, List<String>> current = Map.of();
    private long version;

    public ReminderBook(
            LibraryAccounts accounts, BiConsumer<AgentId, GateReminders> send, Clock clock, int dueWithinDays) {
        this.accounts = accounts;
        this.send = send;
        this.clock = clock;
        this.dueWithinDays = dueWithinDays;
    }

    /** Asks the ILS about every patron; returns whether the set changed (and was sent to {@code gates}). */
    public synchronized boolean refresh(List<Asked> patrons, Set<AgentId> gates) {
        LocalDate today = LocalDate.now(clock);
        Map<String, List<String>> next = new HashMap<>();
        for (Asked p : patrons) {
            try {
                List<String> lines = Reminders.lines(accounts.account(p.patronId()), today, dueWithinDays);
                if (!lines.isEmpty()) {
                    next.put(p.pseudonym(), lines);
                }
            } catch (Sip2Client.Sip2Exception e) {
                LOG.warning(() ->
                        "reminders: the library system did not answer (" + e.getMessage() + "); keeping the last set");
                return false;
            }
        }
        if (next.equals(current)) {
            return false;
        }
        current = Map.copyOf(next);
        // Milliseconds, so a restarted hub's first set still outranks what the gates hold.
        version = Math.max(version + 1, clock.millis());
        GateReminders set = set();
        gates.forEach(g -> send.accept(g, set));
        return true;
    }

    /** Sends the current set to a gate (at its birth); nothing before the first refresh. */
    public synchronized void sendTo(AgentId gate) {
        if (version > 0) {
            send.accept(gate, set());
        }
    }

    public synchronized List<String> forPseudonym(String pseudonym) {
        return current.getOrDefault(pseudonym, List.of());
    }

    private GateReminders set() {
        return new GateReminders(version, clock.instant(), current);
    }
}
