package dev.carrel.hub.reservations;

import dev.carrel.hub.Hub;
import dev.carrel.hub.broker.BrokerUsers;
import dev.carrel.hub.control.MutableClock;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.Endpoint;
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
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real hub (SQLite file, embedded broker) on the reservation tests' library, a clock the test moves, and
 * patrons whose seat credential is a hash of their id. Deadlines run only when the test calls {@link #sweep}.
 */
final class ReservationHub implements AutoCloseable {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    final MutableClock clock;
    final Hub hub;
    private final Map<CredentialHash, String> registered = new ConcurrentHashMap<>();
    private SeatAgent agent;
    private long gateSeq;

    ReservationHub(Path dir, String startLocal) throws Exception {
        this(dir, startLocal, Map.of());
    }

    ReservationHub(Path dir, String startLocal, Map<String, String> extra) throws Exception {
        clock = new MutableClock(at(startLocal));
        Map<String, String> config = new HashMap<>(Map.of(
                "server.host", "127.0.0.1",
                "server.port", "0",
                "carrel.data-dir", dir.resolve("hub").toString(),
                "carrel.broker.host", "127.0.0.1",
                "carrel.broker.port", "0",
                "carrel.broker.persistent", "false",
                "carrel.spaces-file", "classpath:spaces-reservations.yaml",
                "carrel.reservations.zones.walkup.walk-up-only", "true",
                "carrel.reservations.sweep-every", "1h"));
        config.putAll(extra);
        hub = Hub.start(Config.just(ConfigSources.create(config)), clock);
        hub.reservations().holders(new Holders() {
            @Override
            public Optional<CredentialHash> holderOf(String patronId) {
                return Optional.of(hash(patronId));
            }

            @Override
            public Optional<String> patronOf(CredentialHash hash) {
                return Optional.ofNullable(registered.get(hash));
            }

            @Override
            public List<CredentialHash> hashesOf(String patronId) {
                return List.of(hash(patronId));
            }
        });
    }

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

    static CredentialHash hash(String patronId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(patronId.getBytes(StandardCharsets.UTF_8));
            return new CredentialHash(HexFormat.of().formatHex(h));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Makes the patrons' credentials known to the registry ({@link Holders#patronOf}); without this, the hub
     * knows a credential only as the one a seat is held for.
     */
    void register(String... patrons) {
        for (String patron : patrons) {
            registered.put(hash(patron), patron);
        }
    }

    Reservations reservations() {
        return hub.reservations().reservations();
    }

    Booking book(String patron, String seat, String startLocal, int minutes) throws SQLException {
        return reservations()
                .book(patron, new Reservations.Request(Booking.Kind.SEAT, seat, Optional.of(at(startLocal)), minutes));
    }

    Booking booking(String id) throws SQLException {
        return reservations().find(id).orElseThrow();
    }

    /** Moves the clock to {@code local} and applies the deadlines due then. */
    List<String> sweepAt(String local) throws SQLException {
        clock.set(at(local));
        return hub.reservations().sweep();
    }

    /** The organiser's booking of room-a from {@code startLocal}, which these patrons join. */
    Booking bookRoom(String organiser, String startLocal, int minutes, String... members) throws SQLException {
        Booking room = reservations()
                .book(
                        organiser,
                        new Reservations.Request(Booking.Kind.ROOM, "room-a", Optional.of(at(startLocal)), minutes));
        for (String member : members) {
            reservations().join(member, room.joinCode().orElseThrow());
        }
        return room;
    }

    List<Violation> violations(String patron) throws SQLException {
        return hub.reservations().appeals().of(patron).violations();
    }

    SeatAgent agent() throws Exception {
        if (agent == null) {
            List<Endpoint> endpoints = List.of(
                    new Endpoint("desk-1-lamp", Endpoint.Kind.DIMMABLE_LAMP),
                    new Endpoint("desk-1-presence", Endpoint.Kind.PRESENCE_SENSOR),
                    new Endpoint("desk-2-lamp", Endpoint.Kind.DIMMABLE_LAMP),
                    new Endpoint("desk-3-lamp", Endpoint.Kind.DIMMABLE_LAMP),
                    new Endpoint("desk-9-lamp", Endpoint.Kind.DIMMABLE_LAMP),
                    new Endpoint("room-a-lamp", Endpoint.Kind.DIMMABLE_LAMP),
                    new Endpoint("room-a-presence", Endpoint.Kind.PRESENCE_SENSOR));
            agent = new SeatAgent(
                    hub.brokerUri(),
                    "seat-agent",
                    hub.brokerUsers().issue("seat-agent", BrokerUsers.Role.AGENT),
                    endpoints);
        }
        return agent;
    }

    /** The agent reports a seat change for the patron, and the test waits until ingest has applied it. */
    void seat(String seat, SeatState state, SeatState previous, String cause, String patron) throws Exception {
        awaitStored(
                agent().event(new EventBody.SeatStateChanged(seat, state, previous, cause, Optional.of(hash(patron)))));
    }

    void presence(boolean present) throws Exception {
        presence("desk-1-presence", present);
    }

    void presence(String sensor, boolean present) throws Exception {
        awaitStored(agent().event(new EventBody.PresenceChanged(sensor, present, Optional.empty())));
    }

    /**
     * A gate agent's passage of the patron's credential at {@code at} (the event's own time), stored through
     * ingest as if it had come over MQTT; the test waits for its commit.
     */
    void gatePassage(String local, String patron, EventBody.GatePassage.Direction direction) throws Exception {
        Event event = new Event(
                EventIds.system().next(),
                1,
                gateSeq++,
                at(local),
                new EventBody.GatePassage("gate-1", direction, Optional.of(hash(patron))));
        java.util.concurrent.CountDownLatch stored = new java.util.concurrent.CountDownLatch(1);
        WireCodec codec = new WireCodec();
        hub.ingest()
                .accept(
                        WireCodec.topicFor(AgentId.of("gate-agent"), event).toString(),
                        codec.encode(event),
                        stored::countDown);
        if (!stored.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError("gate passage not stored");
        }
    }

    void agentViolation(String seat, String patron, EventBody.SeatViolation.Kind kind) throws Exception {
        awaitStored(agent().event(new EventBody.SeatViolation(seat, hash(patron), kind, Optional.empty())));
    }

    /** The agent's violation as it saw it at {@code seenLocal}, delivered now (from its outbox, late). */
    void agentViolation(String seat, String patron, EventBody.SeatViolation.Kind kind, String seenLocal)
            throws Exception {
        awaitStored(
                agent().event(new EventBody.SeatViolation(seat, hash(patron), kind, Optional.empty()), at(seenLocal)));
    }

    /** The seat commands recorded under the request id (a booking's or a hold's), oldest first, as {@code "<action> <state>"}. */
    List<String> commands(String requestId) {
        try {
            return hub.reservations().database().read(c -> {
                List<String> out = new java.util.ArrayList<>();
                try (var s = c.prepareStatement("SELECT body, state FROM commands WHERE request_id = ? ORDER BY id")) {
                    s.setString(1, requestId);
                    try (var rs = s.executeQuery()) {
                        while (rs.next()) {
                            out.add(JSON.readTree(rs.getString(1))
                                            .path("action")
                                            .asText() + " " + rs.getString(2));
                        }
                    }
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
                return out;
            });
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * As {@link #commands}, but an unanswered command is only its action: whether the control feature's timer
     * (real time) has marked it expired yet or not, the sweep counts one past its expiry as missed.
     */
    List<String> actions(String requestId) {
        return commands(requestId).stream()
                .map(c -> c.replace(" pending", "").replace(" expired", ""))
                .toList();
    }

    /** Waits until ingest has stored the event, and with it (same transaction) its effect on bookings. */
    private void awaitStored(String eventId) throws InterruptedException {
        await(
                () -> {
                    try {
                        return hub.reservations().database().read(c -> {
                            try (var s = c.prepareStatement("SELECT 1 FROM events WHERE id = ?")) {
                                s.setString(1, eventId);
                                try (var rs = s.executeQuery()) {
                                    return rs.next();
                                }
                            }
                        });
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                },
                "event " + eventId + " to be stored");
    }

    static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() throws org.eclipse.paho.mqttv5.common.MqttException {
        if (agent != null) {
            agent.close();
        }
        hub.close();
    }
}
