package dev.carrel.hub.reservations;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.hub.access.Access;
import dev.carrel.hub.control.SqliteCommandStore;
import dev.carrel.hub.ingest.HubMqttClient;
import dev.carrel.hub.ingest.IngestObserver;
import dev.carrel.hub.schedules.Schedules;
import dev.carrel.hub.spaces.Spaces;
import dev.carrel.hub.store.Database;
import dev.carrel.hub.store.StoreWriter;
import dev.carrel.hub.web.JsonResponses;
import dev.carrel.protocol.BookingRequest;
import dev.carrel.protocol.EventIds;
import io.helidon.config.Config;
import io.helidon.webserver.http.HttpRouting;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Seat and room reservations, wired by hand (docs/reservations.md). {@code Hub} calls {@link #open} before
 * ingest exists (so ingest's observer chain can include {@link #observer}), {@link #attach} with the MQTT
 * client and the patron registry before the client starts, then {@link #routing}.
 */
public final class ReservationsFeature implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ReservationsFeature.class.getName());

    /** What reservations are built on. */
    public record Base(
            Database database,
            StoreWriter writer,
            Spaces spaces,
            Supplier<Schedules> schedules,
            ObjectMapper json,
            Clock clock) {}

    private final Parts parts;
    private final SeatEvents events;
    private final Deadlines deadlines;
    private final Reservations reservations;
    private final Appeals appeals;
    private final LongTermSeats longTerm;
    private final PeerReports reports;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("hub-reservations").daemon(true).factory());
    /** Kiosk bookings wait for their write here, off the MQTT callback thread. */
    private final ExecutorService kioskBookings = Executors.newFixedThreadPool(
            2, Thread.ofPlatform().name("hub-kiosk-bookings-", 0).daemon(true).factory());

    private volatile Optional<Access> access = Optional.empty();

    private ReservationsFeature(Parts parts) {
        this.parts = parts;
        this.events = new SeatEvents(parts);
        this.longTerm = new LongTermSeats(parts);
        this.deadlines = new Deadlines(parts, events, longTerm);
        this.reservations = new Reservations(parts, longTerm);
        this.appeals = new Appeals(parts);
        this.reports = new PeerReports(parts);
    }

    /**
     * Reads {@code carrel.reservations} (given the {@code carrel} node).
     *
     * @throws IllegalArgumentException naming the key of a wrong value
     */
    public static ReservationsFeature open(Config carrel, Base base) {
        ReservationSettings settings = ReservationSettings.from(carrel.get("reservations"));
        LibraryCalendar calendar = new LibraryCalendar(base.spaces(), base.schedules());
        return new ReservationsFeature(
                new Parts(base, settings, calendar, new EventIds(base.clock(), new java.security.SecureRandom())));
    }

    /** Ingest's observer with the seat events applied to bookings first. */
    public IngestObserver observer(IngestObserver next) {
        return new ReservationObserver(next, events);
    }

    /**
     * Adds seat commands through the MQTT client, the patrons (when access is on) with the kiosks' booking
     * requests, and the deadline sweep.
     */
    public void attach(HubMqttClient mqtt, Optional<Access> patrons) {
        parts.push = Optional.of(new SeatPush(
                new SqliteCommandStore(parts.violations.database()), mqtt, parts.json, parts.ids, parts.clock));
        patrons.ifPresent(a -> {
            parts.holders = new PatronHolders(a.patrons());
            KioskBookings kiosks = new KioskBookings(
                    parts,
                    reservations,
                    new KioskBookings.Wiring(
                            a.patrons(), mqtt::respond, kioskBookings, () -> timer.execute(this::sweepQuietly)));
            mqtt.onRequest(BookingRequest.NAME, kiosks::request);
        });
        this.access = patrons;
        long every = parts.settings.sweepEvery().toMillis();
        timer.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    private void sweepQuietly() {
        try {
            deadlines.sweep();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "reservation deadlines failed", e);
        }
    }

    /** Applies every due deadline now; the hub does it every {@code sweep-every}, tests after moving the clock. */
    public List<String> sweep() throws SQLException {
        return deadlines.sweep().stream()
                .map(s -> s.bookingId() + " " + s.outcome())
                .toList();
    }

    /** Staff routes under {@code /api/reservations}; with access on, the patron routes under {@code /pass/api/reservations}. */
    public void routing(HttpRouting.Builder r, JsonResponses responses) {
        r.register(
                "/api/reservations",
                new StaffReservationsService(
                        new StaffReservationsService.Parts(reservations, appeals, longTerm, parts.settings),
                        parts.json,
                        responses));
        access.ifPresent(a -> r.register(
                "/pass/api/reservations",
                new PatronReservationsService(
                        new PatronReservationsService.Features(
                                reservations,
                                appeals,
                                longTerm,
                                new BookingChoices(parts, longTerm),
                                new LongTermChoices(parts, longTerm),
                                reports),
                        new PatronReservationsService.Patrons(
                                a.patrons(), a.extras().passSignIn(), parts.clock),
                        parts.json,
                        responses)));
    }

    public Reservations reservations() {
        return reservations;
    }

    public Appeals appeals() {
        return appeals;
    }

    public LongTermSeats longTermSeats() {
        return longTerm;
    }

    public PeerReports peerReports() {
        return reports;
    }

    /** The patron data of reservations, for export and erasure. */
    public dev.carrel.hub.privacy.PatronData patronData() {
        return new ReservationPatronData(new ErasurePush(parts));
    }

    /** The rooms' bookings for their door kiosks (docs/kiosk.md, "From the hub"). */
    public dev.carrel.hub.kiosks.RoomDays roomDays() {
        return new dev.carrel.hub.kiosks.RoomDays() {
            @Override
            public List<RoomBooking> bookings(String room, java.time.Instant from, java.time.Instant to)
                    throws SQLException {
                return reservations.holding(room, from, to).stream()
                        .map(b -> new RoomBooking(b.start(), b.end(), b.minGroup(), b.joinCode()))
                        .toList();
            }

            @Override
            public Optional<RoomRules> rules(String room) {
                BookingRules r = parts.settings.rulesFor(room);
                return Optional.of(new RoomRules(
                        (int) r.roomMin().toMinutes(), (int) r.roomMax().toMinutes(), r.roomMinGroup(), (int)
                                r.roomFormation().toMinutes()));
            }
        };
    }

    /** The patron segments' {@code bookings} column, for {@code Analytics#addSegmentColumn}. */
    public dev.carrel.hub.analytics.SegmentColumn bookingsColumn() {
        return new BookingsColumn();
    }

    /** The hub's database, for tests that wait on what ingest stored. */
    Database database() {
        return parts.violations.database();
    }

    /** A write through the hub's store writer that the caller waits for (tests of patron data). */
    void write(String what, dev.carrel.hub.store.StoreWriter.Write write) throws SQLException {
        parts.write(what, write);
    }

    /** Test and demo hook: the holders the seats' events are matched by. */
    void holders(Holders holders) {
        parts.holders = holders;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        kioskBookings.shutdownNow();
    }
}
