package dev.carrel.agent.kiosk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carrel.agent.seats.SeatResult;
import dev.carrel.agent.seats.SeatSessions;
import dev.carrel.protocol.CredentialHash;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The agent's local web server for its kiosk (Helidon SE, loopback only by default): the kiosk-ui pages,
 * a small JSON API, and the event stream of what the kiosk must show.
 *
 * <pre>
 * GET  /                          the kiosk pages (kiosk-ui jar, META-INF/resources/kiosk)
 * GET  /api/state                 {agent, online, seats:[{id, state}]}
 * GET  /api/events                server-sent events: greeting, refusal, seats, connection, problem
 * POST /api/seats/{id}/check-in   for the patron who just tapped their card at the kiosk
 * POST /api/seats/{id}/leave      a temporary leave
 * POST /api/seats/{id}/check-out
 * </pre>
 */
public final class KioskServer implements AutoCloseable {
    private final WebServer server;
    private final ObjectMapper json = WireJson.mapper();
    private final String agentId;
    private final SeatSessions seats;
    private final KioskPatron patron;
    private final KioskFeed feed;
    private final BooleanSupplier online;

    /** The kiosk's view of the agent. */
    public record Parts(
            String agentId, SeatSessions seats, KioskPatron patron, KioskFeed feed, BooleanSupplier online) {}

    public KioskServer(String host, int port, Parts parts) {
        this.agentId = parts.agentId();
        this.seats = parts.seats();
        this.patron = parts.patron();
        this.feed = parts.feed();
        this.online = parts.online();
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
        r.get("/api/state", this::state)
                .get("/api/events", this::events)
                .post("/api/seats/{id}/check-in", (req, res) -> seat(req, res, "check-in"))
                .post("/api/seats/{id}/leave", (req, res) -> seat(req, res, "leave"))
                .post("/api/seats/{id}/check-out", (req, res) -> seat(req, res, "check-out"));
    }

    private void state(ServerRequest req, ServerResponse res) {
        send(
                res,
                Status.OK_200,
                Map.of("agent", agentId, "online", online.getAsBoolean(), "seats", SeatViewsOf.seats(seats)));
    }

    private void seat(ServerRequest req, ServerResponse res, String action) {
        String id = req.path().pathParameters().get("id");
        if (seats.seat(id).isEmpty()) {
            send(res, Status.NOT_FOUND_404, Map.of("error", "no seat '" + id + "'"));
            return;
        }
        Optional<CredentialHash> who = patron.current();
        if (who.isEmpty()) {
            send(res, Status.CONFLICT_409, Map.of("error", "tap your card first"));
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
                send(res, Status.OK_200, Map.of("seat", id, "state", done.seat().state()));
            }
            case SeatResult.Refused refused -> send(res, Status.CONFLICT_409, Map.of("error", refused.reason()));
        }
    }

    private void events(ServerRequest req, ServerResponse res) throws InterruptedException {
        BlockingQueue<KioskEvent> stream = feed.open();
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
