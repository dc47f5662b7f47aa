package dev.carrel.hub.access;

import dev.carrel.hub.patrons.AllowlistLedger;
import dev.carrel.hub.twins.AgentPublisher;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.AllowlistDelta;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps every gate's allow-list at the site's version (docs/patrons.md, "Allow-list distribution").
 *
 * <ul>
 *   <li>After a committed change, each online gate gets a <b>delta</b> from the version last sent to it
 *       (QoS 1, so a gate that was briefly away gets it from its broker session), or a snapshot when the hub
 *       has sent it nothing yet in this run.
 *   <li>A gate that <b>reports</b> its version in its reported twin ({@code allowlistVersion}, docs/gate.md)
 *       and is behind gets a delta from that version; one that reports {@code allowlistGap: true}, or
 *       version 0 (a fresh agent), gets a <b>snapshot</b>; one that is current gets nothing. The edge agent
 *       reports both keys at every connect, at once after a gap, and again once the gap is closed.
 *   <li>A gate whose reported twin has never carried {@code allowlistVersion} (an agent older than that)
 *       gets a snapshot at every birth, since the hub cannot know what it holds.
 * </ul>
 *
 * All work runs on the caller's executor thread, never on the MQTT callback thread; methods are serialised.
 */
public final class AllowlistDistributor {
    private static final Logger LOG = Logger.getLogger(AllowlistDistributor.class.getName());

    private final AllowlistLedger ledger;
    private final GateAgents gates;
    private final AgentPublisher publisher;
    private final Function<AgentId, Optional<Long>> storedReport;
    private final Map<AgentId, Long> sent = new ConcurrentHashMap<>();
    private final Set<AgentId> reporting = ConcurrentHashMap.newKeySet();

    /**
     * @param storedReport the {@code allowlistVersion} in an agent's stored reported twin, if it has one
     */
    public AllowlistDistributor(
            AllowlistLedger ledger,
            GateAgents gates,
            AgentPublisher publisher,
            Function<AgentId, Optional<Long>> storedReport) {
        this.ledger = ledger;
        this.gates = gates;
        this.publisher = publisher;
        this.storedReport = storedReport;
    }

    /** A new version was committed: every online gate catches up. */
    public synchronized void changed() throws SQLException {
        for (AgentId gate : gates.online()) {
            push(gate, sent.getOrDefault(gate, 0L));
        }
    }

    /** A gate's birth. */
    public synchronized void born(AgentId gate) throws SQLException {
        Optional<Long> stored = storedReport.apply(gate);
        if (stored.isPresent()) {
            reporting.add(gate);
        }
        if (!reporting.contains(gate)) {
            push(gate, 0);
        }
        // A gate that reports its version does so right after its birth; reported() answers that.
    }

    /** A gate's reported twin carried its allow-list version. */
    public synchronized void reported(AgentId gate, long version, boolean gap) throws SQLException {
        reporting.add(gate);
        if (gap || version == 0) {
            push(gate, 0);
            return;
        }
        long current = ledger.version();
        if (version > current) {
            // The gate holds versions this hub never made (a restored or replaced hub database). A snapshot
            // with a lower version would be ignored as a redelivery; say so loudly.
            LOG.warning(() -> "gate " + gate + " reports allow-list version " + version + ", above the hub's " + current
                    + "; clear the gate's allow-list file to resynchronise it");
            return;
        }
        if (version < current) {
            push(gate, version);
        } else {
            sent.put(gate, version);
        }
    }

    /** The hub (re)connected to the broker: every online gate catches up from what it last reported. */
    public synchronized void connected() throws SQLException {
        for (AgentId gate : gates.online()) {
            Optional<Long> stored = storedReport.apply(gate);
            push(gate, stored.orElse(sent.getOrDefault(gate, 0L)));
        }
    }

    /** The version last sent to a gate, for the API and tests. */
    public Optional<Long> sent(AgentId gate) {
        return Optional.ofNullable(sent.get(gate));
    }

    private void push(AgentId gate, long from) throws SQLException {
        Optional<AllowlistDelta> delta = ledger.since(from);
        if (delta.isEmpty()) {
            if (from == 0) {
                // Nothing registered yet: an empty list is version 0, which the gate already has.
                sent.put(gate, 0L);
            }
            return;
        }
        AllowlistDelta d = delta.get();
        publisher.publish(gate, d, false, Optional.empty());
        sent.put(gate, d.toVersion());
        LOG.log(
                Level.FINE,
                () -> (d.snapshot() ? "snapshot" : "delta") + " " + d.fromVersion() + "→" + d.toVersion() + " to "
                        + gate + ": " + d.upserts().size() + " upserts, "
                        + d.removals().size() + " removals");
    }
}
