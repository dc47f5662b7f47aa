package dev.carrel.agent.kiosk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.agent.control.ClosingSchedule;
import dev.carrel.agent.seats.SeatResult;
import dev.carrel.agent.seats.SeatSessions;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.WireJson;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import io.helidon.webserver.staticcontent.StaticContentFeature;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The agent's local web server for its kiosk (Helidon SE, loopback only by default): the kiosk-ui pages,
 * a small JSON API, and the event stream of what the kiosk must show. Errors are {@code {"error": …}} with
 * a status that says whose fault it was; a refused request changes nothing. docs/kiosk.md has the details.
 *
 * <pre>
 * GET  /                          the kiosk pages (kiosk-ui jar, META-INF/resources/kiosk)
 * GET  /api/kiosk                 {agent, mode, language, languages, library, qr, hours, zones, bookings}
 * GET  /api/state                 {agent, online, seats:[{id, state}]}
 * GET  /api/qr.svg                the QR code of the patron web page (404 when none is configured)
 * GET  /api/events                server-sent events: greeting, refusal, seats, connection, patron, problem
 * POST /api/seats/{id}/check-in   for the patron who just tapped their card at the kiosk
 * POST /api/seats/{id}/book       {minutes, start?}: a booking at the hub for that patron ({@link KioskBookings});
 *                                 at a room's door, {id} is the room's seat and the hub books the room
 * POST /api/seats/{id}/leave      a temporary leave
 * POST /api/seats/{id}/check-out
 * POST /api/feedback              {score: 1-5, comment?} → a feedback event
 * </pre>
 */
public final class KioskServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KioskServer.class.getName());

    private final WebServer server;
    private final ObjectMapper json = WireJson.mapper();
    private final String agentId;
    private final KioskProfile profile;
    private final SeatSessions seats;
    private final KioskPatron patron;
    private final KioskFeed feed;
    private final Sources sources;
    private final KioskInfo info;
    private final Optional<String> qr;
    private final KioskBookings bookings;

    /** The kiosk's view of the agent's seats and who is at the screen. */
    public record Parts(
            String agentId,
            KioskProfile profile,
            SeatSessions seats,
            KioskPatron patron,
            KioskFeed feed,
            Sources sources) {}

    /** What the kiosk reads from, and sends to, the rest of the agent. */
    public record Sources(
            BooleanSupplier online,
            KioskTwin twin,
            Supplier<ClosingSchedule> schedule,
            Consumer<EventBody> events,
            Clock clock,
            Optional<HubBooking> booking) {}

    public KioskServer(String host, int port, Parts parts) {
        this.agentId = parts.agentId();
        this.profile = parts.profile();
        this.seats = parts.seats();
        this.patron = parts.patron();
        this.feed = parts.feed();
        this.sources = parts.sources();
        this.info = new KioskInfo(agentId, profile, sources.twin(), sources.schedule(), sources.clock());
        this.qr = profile.patronUrl().map(url -> QrSvg.of(url.toString()));
        this.bookings = new KioskBookings(agentId, sources.booking(), json, sources.clock());
        this.server = WebServer.builder()
                .host(host)
                .port(port)
                .featuresDiscoverServices(false)
                .addFeature(StaticContentFeature.builder()
                        .addClasspath(cl -> cl.location("META-INF/resources/kiosk")
                                .welcome("index.html")
                                .context("/"))
                        .build())
                .routing(this::routing)
                .build()
                .start();
    }

    public int port() {
        return server.port();
    }

    private void routing(HttpRouting.Builder r) {
        r.get("/api/kiosk", (req, res) -> send(res, Status.OK_200, info.body()))
                .get("/api/state", this::state)
                .get("/api/qr.svg", this::qr)
                .get("/api/events", this::events)
                .post("/api/seats/{id}/check-in", (req, res) -> seat(req, res, "check-in"))
                .post("/api/seats/{id}/leave", (req, res) -> seat(req, res, "leave"))
                .post("/api/seats/{id}/check-out", (req, res) -> seat(req, res, "check-out"))
                .post("/api/seats/{id}/book", this::book)
                .post("/api/feedback", this::feedback);
    }

    private void state(ServerRequest req, ServerResponse res) {
        send(
                res,
                Status.OK_200,
                Map.of("agent", agentId, "online", sources.online().getAsBoolean(), "seats", SeatViewsOf.seats(seats)));
    }

    private void qr(ServerRequest req, ServerResponse res) {
        if (qr.isEmpty()) {
            send(res, Status.NOT_FOUND_404, Map.of("error", "no patron page is configured (kiosk.patron-url)"));
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "image/svg+xml")
                .header(HeaderNames.CACHE_CONTROL, "max-age=3600")
                .send(qr.get());
    }

    /** The patron at the screen, for a seat of this agent's; empty once the refusal is sent. */
    private Optional<CredentialHash> patronFor(String id, ServerResponse res) {
        if (seats.seat(id).isEmpty()) {
            send(res, Status.NOT_FOUND_404, Map.of("error", "no seat '" + id + "'", "code", "no_seat"));
            return Optional.empty();
        }
        Optional<CredentialHash> who = patron.current();
        if (who.isEmpty()) {
            send(res, Status.CONFLICT_409, Map.of("error", "tap your card first", "code", "tap_first"));
        }
        return who;
    }

    private void book(ServerRequest req, ServerResponse res) throws InterruptedException {
        String id = req.path().pathParameters().get("id");
        Optional<CredentialHash> who = patronFor(id, res);
        if (who.isEmpty()) {
            return;
        }
        KioskBookings.Answer answer = bookings.book(id, who.get(), req.content().as(String.class));
        if (answer.status() == Status.CREATED_201.code()) {
            patron.done();
            feed.publish(new KioskEvent.Patron(false, Optional.empty(), Optional.empty(), 0));
        }
        send(res, Status.create(answer.status()), answer.body());
    }

    private void seat(ServerRequest req, ServerResponse res, String action) {
        String id = req.path().pathParameters().get("id");
        Optional<CredentialHash> who = patronFor(id, res);
        if (who.isEmpty()) {
            return;
        }
        SeatResult result =
                switch (action) {
                    case "check-in" -> seats.checkIn(id, who.get(), "kiosk");
                    case "leave" -> seats.leave(id, who.get());
                    default -> seats.checkOut(id, who.get());
                };
        switch (result) {
            case SeatResult.Done done -> {
                patron.done();
                feed.publish(new KioskEvent.SeatMap(SeatViewsOf.seats(seats)));
                feed.publish(new KioskEvent.Patron(false, Optional.empty(), Optional.empty(), 0));
                send(res, Status.OK_200, Map.of("seat", id, "state", done.seat().state()));
            }
            case SeatResult.Refused refused ->
                send(
                        res,
                        Status.CONFLICT_409,
                        Map.of("error", refused.reason(), "code", refused.code().wire()));
        }
    }

    private void feedback(ServerRequest req, ServerResponse res) {
        EventBody.Feedback body;
        try {
            body = KioskFeedback.read(json, req.content().as(String.class), agentId, profile.mode(), patron.served());
        } catch (IllegalArgumentException e) {
            send(res, Status.BAD_REQUEST_400, Map.of("error", e.getMessage()));
            return;
        }
        body.patron().ifPresent(p -> patron.rated());
        try {
            sources.events().accept(body);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "kiosk feedback not recorded", e);
            send(res, Status.SERVICE_UNAVAILABLE_503, Map.of("error", "feedback cannot be recorded now"));
            return;
        }
        send(res, Status.ACCEPTED_202, Map.of("score", body.score()));
    }

    private void events(ServerRequest req, ServerResponse res) throws InterruptedException {
        BlockingQueue<KioskEvent> stream = feed.open(new KioskEvent.SeatMap(SeatViewsOf.seats(seats)));
        try (SseSink sink = res.sink(SseSink.TYPE)) {
            while (true) {
                KioskEvent e = stream.poll(15, TimeUnit.SECONDS);
                sink.emit(
                        e == null
                                ? SseEvent.builder().comment("ping").build()
                                : SseEvent.builder()
                                        .name(e.name())
                                        .data(write(e))
                                        .build());
            }
        } catch (RuntimeException browserGone) {
            // emitting to a closed connection fails: the page went away
        } finally {
            feed.close(stream);
        }
    }

    private void send(ServerResponse res, Status status, Object body) {
        res.status(status).header(HeaderNames.CONTENT_TYPE, "application/json").send(write(body));
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName(), e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
