package dev.carrel.hub.analytics;

import dev.carrel.hub.Hub;
import dev.carrel.hub.HubHttp;
import dev.carrel.hub.control.MutableClock;
import dev.carrel.hub.staff.StaffRole;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.Event;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.EventIds;
import dev.carrel.protocol.SeatState;
import dev.carrel.protocol.WireCodec;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real hub on the analytics test library (spaces-analytics.yaml) with a clock the test moves, and raw events
 * fed through the hub's real ingest, as if agents had sent them.
 */
final class AnalyticsRig implements AutoCloseable {
    final MutableClock clock;
    final Hub hub;
    final HubHttp http;
    final String token;
    final Path database;
    private final WireCodec codec = new WireCodec();
    private final EventIds ids = EventIds.system();
    private final Map<String, Long> seqs = new HashMap<>();

    AnalyticsRig(Path dir, Instant start, Map<String, String> extra) throws Exception {
        this.clock = new MutableClock(start);
        Map<String, String> config = new HashMap<>(Map.of(
                "server.host", "127.0.0.1",
                "server.port", "0",
                "carrel.data-dir", dir.resolve("hub").toString(),
                "carrel.broker.host", "127.0.0.1",
                "carrel.broker.port", "0",
                "carrel.broker.persistent", "false",
                "carrel.spaces-file", "classpath:spaces-analytics.yaml",
                "carrel.analytics.rollup-every", "1h"));
        config.putAll(extra);
        this.hub = Hub.start(Config.just(ConfigSources.create(config)), clock);
        // A librarian: the role the analytics are for (RoutePolicy).
        hub.staff()
                .accounts()
                .create("librarian", StaffRole.LIBRARIAN, hub.staff().accounts().randomPassword());
        this.token = hub.staff().issueToken("librarian");
        this.http = new HubHttp(hub.httpPort(), token);
        this.database = dir.resolve("hub").resolve("carrel-hub.db");
    }

    static CredentialHash card(String name) {
        try {
            return CredentialHash.of(
                    MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A patron holding the card, written straight into the registry's tables. */
    void patron(String id, String group, String college, CredentialHash card) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath())) {
            c.createStatement().execute("PRAGMA busy_timeout=5000");
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO patrons VALUES (?, ?, ?, ?, ?, ?, 'active', NULL, 0)")) {
                s.setString(1, id);
                s.setString(2, "p-" + id);
                s.setString(3, "Name " + id);
                s.setString(4, id + ".");
                s.setString(5, group);
                s.setString(6, college);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO patron_credentials VALUES (?, ?, 'card_uid')")) {
                s.setString(1, card.hex());
                s.setString(2, id);
                s.executeUpdate();
            }
        }
    }

    void passage(Instant at, boolean in, CredentialHash card) throws Exception {
        send(
                "gate-a",
                at,
                new EventBody.GatePassage(
                        "g1",
                        in ? EventBody.GatePassage.Direction.IN : EventBody.GatePassage.Direction.OUT,
                        Optional.of(card)));
    }

    void seat(Instant at, String seat, SeatState state, SeatState previous, CredentialHash patron) throws Exception {
        send(
                "room-1",
                at,
                new EventBody.SeatStateChanged(
                        seat,
                        state,
                        previous,
                        "test",
                        state == SeatState.FREE ? Optional.empty() : Optional.of(patron)));
    }

    void presence(Instant at, String sensor, boolean present) throws Exception {
        send("room-1", at, new EventBody.PresenceChanged(sensor, present, Optional.empty()));
    }

    void energy(Instant at, String outlet, double wh) throws Exception {
        send("room-1", at, new EventBody.OutletState(outlet, true, Optional.of(10.0), Optional.of(wh)));
    }

    void noShow(Instant at, String seat, CredentialHash patron) throws Exception {
        send(
                "room-1",
                at,
                new EventBody.SeatViolation(seat, patron, EventBody.SeatViolation.Kind.NO_SHOW, Optional.empty()));
    }

    /** Stores one event through ingest and waits for its commit. */
    void send(String agent, Instant at, EventBody body) throws Exception {
        long seq = seqs.merge(agent, 1L, Long::sum) - 1;
        Event event = new Event(ids.next(), 1, seq, at, body);
        String topic = WireCodec.topicFor(AgentId.of(agent), event).toString();
        CountDownLatch stored = new CountDownLatch(1);
        hub.ingest().accept(topic, codec.encode(event), stored::countDown);
        if (!stored.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("event not stored: " + topic);
        }
    }

    /** A write straight into the hub's file, for rows other features would have made. */
    void execute(String sql, Object... args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath())) {
            c.createStatement().execute("PRAGMA busy_timeout=5000");
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    s.setObject(i + 1, args[i]);
                }
                s.executeUpdate();
            }
        }
    }

    long count(String sql, Object... args) throws Exception {
        return HubHttp.count(database, sql, args);
    }

    @Override
    public void close() {
        hub.close();
    }
}
