package dev.carrel.hub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.patrons.AllowlistLedger;
import dev.carrel.hub.patrons.Patrons;
import dev.carrel.hub.patrons.Pins;
import dev.carrel.hub.patrons.SiteKey;
import dev.carrel.hub.patrons.SqlitePatronStore;
import dev.carrel.hub.privacy.PatronPrivacy;
import dev.carrel.hub.privacy.Privacy;
import dev.carrel.hub.store.Database;
import dev.carrel.hub.store.StoreWriter;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.CredentialKind;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.EventBody.GateDecision;
import dev.carrel.protocol.WireJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

/**
 * How long a patron's erasure holds the store writer on a large raw {@code events} table, against a plain
 * full scan of the same table in the same run (the least any unindexed search can cost). Not a test; run it
 * by hand (docs/benchmarks.md, "Patron erasure"):
 *
 * <pre>
 * ErasureBenchmark [events=500000]
 * </pre>
 *
 * The table holds gate decisions and passages of random credentials, and {@code events / 10,000} of one
 * patron's; the patron is imported through the registry first, so the erasure finds their hashes as in use.
 */
public final class ErasureBenchmark {
    private ErasureBenchmark() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        Path dir = Files.createTempDirectory("carrel-erasure-bench");
        Clock clock = Clock.systemUTC();
        ObjectMapper json = WireJson.mapper();
        try (Database database = Database.open(dir.resolve("hub.db"));
                StoreWriter writer = new StoreWriter(database, (what, e) -> {})) {
            byte[] secret = new byte[32];
            new Random(7).nextBytes(secret);
            Patrons patrons = new Patrons(
                    new Patrons.Base(new SqlitePatronStore(database), new AllowlistLedger(database), writer, clock),
                    SiteKey.of(secret),
                    new Pins(1_000));
            Privacy privacy = new Privacy(database, writer, clock);
            PatronPrivacy.register(privacy, patrons);
            CredentialHash card = patrons.key().hash(CredentialKind.CARD_UID, "04A1B2C3");
            writer.call("patron", c -> {
                        try (PreparedStatement s = c.prepareStatement("INSERT INTO patrons VALUES"
                                + " ('a1', ?, 'Ann Lee', 'Ann L.', 'undergraduate', '', 'active', NULL, 0)")) {
                            s.setString(1, patrons.key().pseudonym("a1"));
                            s.executeUpdate();
                        }
                        try (PreparedStatement s =
                                c.prepareStatement("INSERT INTO patron_credentials VALUES (?, 'a1', 'card_uid')")) {
                            s.setString(1, card.hex());
                            return s.executeUpdate();
                        }
                    })
                    .get();
            int theirs = fill(writer, json, events, card);
            System.out.printf(Locale.ROOT, "events: %,d, of which the patron's: %,d%n", events, theirs);
            for (int round = 1; round <= 3; round++) {
                long t0 = System.nanoTime();
                long scanned = database.read(c -> {
                    try (PreparedStatement s =
                                    c.prepareStatement("SELECT count(*) FROM events WHERE length(body) > 0");
                            ResultSet r = s.executeQuery()) {
                        r.next();
                        return r.getLong(1);
                    }
                });
                long scan = System.nanoTime() - t0;
                t0 = System.nanoTime();
                int exported = ((List<?>) privacy.export("a1").sections().get("events")).size();
                long export = System.nanoTime() - t0;
                System.out.printf(
                        Locale.ROOT,
                        "round %d: full scan %,d rows %.0f ms; export (%d events) %.0f ms = %.1f x the scan%n",
                        round,
                        scanned,
                        scan / 1e6,
                        exported,
                        export / 1e6,
                        (double) export / scan);
                if (round == 3) {
                    t0 = System.nanoTime();
                    privacy.erase("a1");
                    long erase = System.nanoTime() - t0;
                    System.out.printf(
                            Locale.ROOT,
                            "erasure (registry + events, one transaction): %.0f ms = %.1f x the scan%n",
                            erase / 1e6,
                            (double) erase / scan);
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    private static int fill(StoreWriter writer, ObjectMapper json, int events, CredentialHash card) throws Exception {
        Random random = new Random(42);
        int[] theirs = {0};
        int batch = 50_000;
        for (int from = 0; from < events; from += batch) {
            int start = from;
            int end = Math.min(events, from + batch);
            writer.call("events", c -> {
                        try (PreparedStatement s = c.prepareStatement("INSERT INTO events (id, agent_id, session, seq,"
                                + " type, ts, received, body) VALUES (?, 'gate-1', 1, ?, ?, ?, ?, ?)")) {
                            byte[] raw = new byte[32];
                            for (int i = start; i < end; i++) {
                                CredentialHash who;
                                if (i % 10_000 == 0) {
                                    who = card;
                                    theirs[0]++;
                                } else {
                                    random.nextBytes(raw);
                                    who = new CredentialHash(HexFormat.of().formatHex(raw));
                                }
                                EventBody body = i % 2 == 0
                                        ? new GateDecision(
                                                "g1",
                                                who,
                                                GateDecision.Decision.ALLOW,
                                                GateDecision.Reason.ALLOW_LISTED,
                                                GateDecision.Source.LOCAL)
                                        : new EventBody.GatePassage(
                                                "g1", EventBody.GatePassage.Direction.IN, Optional.of(who));
                                s.setString(1, "e" + i);
                                s.setInt(2, i);
                                s.setString(3, body.type().wire());
                                s.setLong(4, i);
                                s.setLong(5, i);
                                try {
                                    s.setString(6, json.writeValueAsString(body));
                                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                                    throw new IllegalStateException(e);
                                }
                                s.addBatch();
                            }
                            s.executeBatch();
                            return end - start;
                        }
                    })
                    .get();
        }
        return theirs[0];
    }
}
