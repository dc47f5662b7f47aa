package dev.carrel.agent.gate;

import static dev.carrel.agent.gate.GateTest.card;
import static dev.carrel.agent.gate.GateTest.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.agent.gate.Allowlist.Holder;
import dev.carrel.agent.gate.Allowlist.Outcome;
import dev.carrel.agent.gate.Allowlist.Standing;
import dev.carrel.agent.mqtt.Inbound;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.AllowlistDelta;
import dev.carrel.protocol.Topic;
import dev.carrel.protocol.WireCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllowlistTest {
    private static final Instant NOW = GateTest.START;

    @TempDir
    Path dir;

    private Allowlist open() throws SQLException {
        return Allowlist.open(dir.resolve("allowlist.db"));
    }

    private static AllowlistDelta snapshot(long to, List<AllowlistDelta.Entry> upserts) {
        return new AllowlistDelta(0, to, true, upserts, List.of());
    }

    private static AllowlistDelta delta(long from, long to, List<AllowlistDelta.Entry> upserts, List<String> removed) {
        return new AllowlistDelta(
                from, to, false, upserts, removed.stream().map(GateTest::card).toList());
    }

    private static AllowlistDelta.Entry allowed(String uid) {
        return entry(uid, "p-" + uid, "Reader " + uid.substring(6), Optional.empty());
    }

    @Test
    void fresh_isEmptyAtVersionZero() throws Exception {
        try (Allowlist list = open()) {
            assertEquals(0, list.version());
            assertEquals(Standing.UNKNOWN, list.standing(card("04A1B2C3"), NOW));
        }
    }

    @Test
    void deltaOnTopOfItsVersion_applies_andSurvivesReopening() throws Exception {
        try (Allowlist list = open()) {
            assertEquals(Outcome.APPLIED, list.apply(snapshot(5, List.of(allowed("04A1B2C3"), allowed("04A1B2C4")))));
            assertEquals(Outcome.APPLIED, list.apply(delta(5, 6, List.of(allowed("04A1B2C5")), List.of("04A1B2C3"))));
            assertEquals(6, list.version());
        }
        try (Allowlist list = open()) {
            assertEquals(6, list.version());
            assertEquals(2, list.size());
            assertEquals(Standing.REVOKED, list.standing(card("04A1B2C3"), NOW));
            assertEquals(Standing.ALLOWED, list.standing(card("04A1B2C4"), NOW));
            assertEquals(Standing.ALLOWED, list.standing(card("04A1B2C5"), NOW));
            assertEquals(Optional.of(new Holder("p-04A1B2C5", "Reader C5")), list.holder(card("04A1B2C5")));
            assertEquals(Optional.of("Reader C4"), list.greetingOf("p-04A1B2C4"));
        }
    }

    @Test
    void deltaWithGap_isRefusedAndChangesNothing() throws Exception {
        try (Allowlist list = open()) {
            list.apply(snapshot(5, List.of(allowed("04A1B2C3"))));
            assertEquals(Outcome.GAP, list.apply(delta(6, 7, List.of(allowed("04A1B2C4")), List.of("04A1B2C3"))));
            assertEquals(5, list.version());
            assertEquals(Standing.ALLOWED, list.standing(card("04A1B2C3"), NOW));
            assertEquals(Standing.UNKNOWN, list.standing(card("04A1B2C4"), NOW));
        }
        try (Allowlist list = open()) {
            assertEquals(5, list.version());
            assertEquals(Optional.empty(), list.holder(card("04A1B2C4")));
        }
    }

    @Test
    void redeliveredDelta_isAlreadyApplied() throws Exception {
        try (Allowlist list = open()) {
            list.apply(snapshot(5, List.of()));
            AllowlistDelta d = delta(5, 6, List.of(allowed("04A1B2C3")), List.of());
            assertEquals(Outcome.APPLIED, list.apply(d));
            assertEquals(Outcome.ALREADY_APPLIED, list.apply(d));
            assertEquals(Outcome.ALREADY_APPLIED, list.apply(snapshot(6, List.of())));
            assertEquals(Standing.ALLOWED, list.standing(card("04A1B2C3"), NOW));
        }
    }

    @Test
    void snapshot_replacesEverythingIncludingRevocations() throws Exception {
        try (Allowlist list = open()) {
            list.apply(snapshot(1, List.of(allowed("04A1B2C3"), allowed("04A1B2C4"))));
            list.apply(delta(1, 2, List.of(), List.of("04A1B2C4")));
            list.apply(new AllowlistDelta(0, 9, true, List.of(allowed("04A1B2C5")), List.of(card("04A1B2C6"))));

            assertEquals(9, list.version());
            assertEquals(1, list.size());
            assertEquals(1, list.revocations());
            assertEquals(Standing.UNKNOWN, list.standing(card("04A1B2C3"), NOW));
            assertEquals(Standing.UNKNOWN, list.standing(card("04A1B2C4"), NOW));
            assertEquals(Standing.ALLOWED, list.standing(card("04A1B2C5"), NOW));
            assertEquals(Standing.REVOKED, list.standing(card("04A1B2C6"), NOW));
        }
    }

    @Test
    void upsertOfRevokedCredential_reinstatesIt_andBothInOneDeltaEndsRevoked() throws Exception {
        try (Allowlist list = open()) {
            list.apply(new AllowlistDelta(0, 1, true, List.of(), List.of(card("04A1B2C3"))));
            list.apply(delta(1, 2, List.of(allowed("04A1B2C3")), List.of()));
            assertEquals(Standing.ALLOWED, list.standing(card("04A1B2C3"), NOW));
            list.apply(delta(2, 3, List.of(allowed("04A1B2C4")), List.of("04A1B2C4")));
            assertEquals(Standing.REVOKED, list.standing(card("04A1B2C4"), NOW));
        }
        try (Allowlist list = open()) {
            assertEquals(Standing.ALLOWED, list.standing(card("04A1B2C3"), NOW));
            assertEquals(Standing.REVOKED, list.standing(card("04A1B2C4"), NOW));
        }
    }

    @Test
    void validUntil_allowedBefore_expiredFromThatInstant() throws Exception {
        try (Allowlist list = open()) {
            list.apply(snapshot(1, List.of(entry("04A1B2C3", "p-1", "Zhang S.", Optional.of(NOW)))));
            assertEquals(Standing.ALLOWED, list.standing(card("04A1B2C3"), NOW.minusMillis(1)));
            assertEquals(Standing.EXPIRED, list.standing(card("04A1B2C3"), NOW));
        }
    }

    @Test
    void largeSnapshot_appliesAndReloads() throws Exception {
        List<AllowlistDelta.Entry> many = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            many.add(entry(String.format("%08X", i), "p-" + i, "Reader " + i, Optional.empty()));
        }
        try (Allowlist list = open()) {
            list.apply(snapshot(1, many));
        }
        try (Allowlist list = open()) {
            assertEquals(20_000, list.size());
            assertEquals(Standing.ALLOWED, list.standing(card("00004E1F"), NOW));
            assertEquals(Standing.UNKNOWN, list.standing(card("00004E20"), NOW));
        }
    }

    @Test
    void fileFromANewerAgent_isRefusedUntouched() throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("allowlist.db"))) {
            c.createStatement().execute("PRAGMA user_version = 99");
        }
        SQLException e = assertThrows(SQLException.class, this::open);
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
    }

    @Test
    void sync_malformedPayloads_changeNothing_gapAsksForSnapshot() throws Exception {
        try (Allowlist list = open()) {
            List<long[]> asked = new ArrayList<>();
            AllowlistSync sync =
                    new AllowlistSync(list, Runnable::run, (have, from) -> asked.add(new long[] {have, from}));
            WireCodec codec = new WireCodec();
            Topic topic = Topic.credentials(AgentId.of("gate-north"));

            sync.onDelta(inbound(topic, codec.encode(snapshot(3, List.of(allowed("04A1B2C3"))))));
            for (String bad : List.of(
                    "",
                    "{",
                    "{\"v\":1,\"fromVersion\":3,\"toVersion\":4,\"snapshot\":false,\"upserts\":[],\"removals\":[\"zz\"]}",
                    "{\"v\":1,\"fromVersion\":3,\"toVersion\":2,\"snapshot\":false,\"upserts\":[],\"removals\":[]}",
                    "{\"v\":2,\"fromVersion\":3,\"toVersion\":4,\"snapshot\":false,\"upserts\":[],\"removals\":[]}")) {
                sync.onDelta(inbound(topic, bad.getBytes(StandardCharsets.UTF_8)));
            }
            sync.onDelta(inbound(topic, codec.encode(delta(7, 8, List.of(), List.of("04A1B2C3")))));

            assertEquals(3, list.version());
            assertEquals(Standing.ALLOWED, list.standing(card("04A1B2C3"), NOW));
            assertEquals(1, sync.applied());
            assertEquals(5, sync.rejected());
            assertEquals(1, sync.gaps());
            assertEquals(1, asked.size());
            assertEquals(3, asked.getFirst()[0]);
            assertEquals(7, asked.getFirst()[1]);
        }
    }

    @Test
    void sync_inStep_isToldForAppliedDeltasAndHeldSnapshots_notForGapsOrRedeliveredDeltas() throws Exception {
        try (Allowlist list = open()) {
            List<Long> inStep = new ArrayList<>();
            List<Long> asked = new ArrayList<>();
            AllowlistSync sync = new AllowlistSync(list, Runnable::run, (have, from) -> asked.add(from), inStep::add);

            sync.apply(snapshot(3, List.of(allowed("04A1B2C3"))));
            sync.apply(delta(5, 6, List.of(allowed("04A1B2C4")), List.of())); // missed 4 and 5: a gap
            sync.apply(delta(2, 3, List.of(), List.of("04A1B2C3"))); // a redelivery
            assertEquals(List.of(3L), inStep, "the gap and the redelivered delta leave the list out of step");
            assertEquals(List.of(5L), asked);

            sync.apply(snapshot(6, List.of(allowed("04A1B2C3"), allowed("04A1B2C4"))));
            sync.apply(snapshot(6, List.of())); // the hub's list again, answering a second report of the gap
            sync.apply(delta(6, 7, List.of(), List.of("04A1B2C3")));

            assertEquals(List.of(3L, 6L, 6L, 7L), inStep);
            assertEquals(7, list.version());
            assertEquals(Standing.REVOKED, list.standing(card("04A1B2C3"), NOW));
            assertEquals(Standing.ALLOWED, list.standing(card("04A1B2C4"), NOW), "the held snapshot changed nothing");
        }
    }

    static Inbound inbound(Topic topic, byte[] payload) {
        return new Inbound(topic, payload, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
